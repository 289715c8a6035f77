import { isPlainObject } from '@drydock/util';
import { FieldPatchMeta } from './patch-strategies.table';
import { FieldSchema, SchemaNavigator } from './schema-navigator';

/** The parts of a CRD version's openAPIV3Schema that field ownership reads. */
export interface StructuralSchema {
  type?: string;
  properties?: Record<string, StructuralSchema>;
  additionalProperties?: StructuralSchema | boolean;
  items?: StructuralSchema;
  default?: unknown;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
}

export interface CrdSchemaModel {
  navigator: SchemaNavigator;
  /** The model name of the root object, to pass as `modelName`. */
  modelName: string;
}

function describe(schema: StructuralSchema, path: string, models: Map<string, StructuralSchema>): FieldSchema {
  if (schema['x-kubernetes-int-or-string']) return { kind: 'primitive', type: 'string', format: 'int-or-string' };
  if (schema.type === 'array') return schema.items ? { kind: 'array', items: describe(schema.items, `${path}[]`, models) } : { kind: 'any' };
  if (schema.type === 'object' && schema.properties) {
    models.set(path, schema);
    return { kind: 'object', model: path };
  }
  if (schema.type === 'object' && isPlainObject(schema.additionalProperties)) {
    return { kind: 'map', values: describe(schema.additionalProperties as StructuralSchema, `${path}{}`, models) };
  }
  if (schema.type && schema.type !== 'object') return { kind: 'primitive', type: schema.type };
  return { kind: 'any' };
}

function metaOf(field: StructuralSchema): FieldPatchMeta {
  const meta: FieldPatchMeta = {};
  if (field['x-kubernetes-list-type']) meta.listType = field['x-kubernetes-list-type'];
  if (field['x-kubernetes-list-map-keys']) meta.listMapKeys = field['x-kubernetes-list-map-keys'];
  if (field['x-kubernetes-map-type']) meta.mapType = field['x-kubernetes-map-type'];
  const itemFields = field.items?.properties ?? {};
  const defaults = Object.entries(itemFields).filter(([name, item]) => meta.listMapKeys?.includes(name) && item.default !== undefined);
  if (defaults.length > 0) meta.listMapKeyDefaults = Object.fromEntries(defaults.map(([name, item]) => [name, item.default]));
  return meta;
}

const objectMetaModel = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/**
 * A navigator over one CRD version's structural schema, so that server-side apply merges custom
 * resources by their `x-kubernetes-list-type`/`-list-map-keys`/`-map-type` as upstream does.
 * Nested objects become models named by their path in the schema (`<id>.spec`). With a `base`
 * navigator (the built-in models), `metadata` is the real ObjectMeta, as for upstream's CRDs.
 */
export function crdSchemaNavigator(schema: StructuralSchema, options: { id?: string; base?: SchemaNavigator } = {}): CrdSchemaModel {
  const id = options.id ?? 'crd';
  const models = new Map<string, StructuralSchema>([[id, schema]]);
  const field = (modelName: string, fieldName: string) => models.get(modelName)?.properties?.[fieldName];
  const navigator: SchemaNavigator = {
    fieldSchema: (modelName, fieldName) => {
      if (!models.has(modelName)) return options.base?.fieldSchema(modelName, fieldName);
      if (modelName === id && fieldName === 'metadata' && options.base) return { kind: 'object', model: objectMetaModel };
      const property = field(modelName, fieldName);
      return property ? describe(property, `${modelName}.${fieldName}`, models) : undefined;
    },
    fieldPatchMeta: (modelName, fieldName) => {
      const property = field(modelName, fieldName);
      return property ? metaOf(property) : undefined;
    },
  };
  return { navigator, modelName: id };
}
