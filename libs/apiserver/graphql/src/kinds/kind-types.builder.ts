import {
  GraphQLBoolean,
  GraphQLFloat,
  GraphQLInputObjectType,
  GraphQLInterfaceType,
  GraphQLInputType,
  GraphQLInt,
  GraphQLList,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLOutputType,
  GraphQLScalarType,
  GraphQLString,
  GraphQLFieldConfigMap,
  GraphQLInputFieldConfigMap,
} from 'graphql';
import { modelNameOfRef, type OpenApiSchema } from '@drydock/openapi';
import { JSONScalar } from '../models/json.scalar';
import { fieldNameOf, typeNameOfModel } from './kind-names';
import { KUBE_SCALARS, SCALAR_MODELS } from './kube-scalars';

/** Where the JSON name of a sanitized field is kept (input fields have no resolver to map it back). */
export interface KindFieldExtensions {
  jsonName: string;
}

type Mode = 'output' | 'input';

/** What a kind's object type gets beyond its model's fields: interfaces it implements and relation fields (kind-relations). */
export interface KindDecoration {
  interfaces: GraphQLInterfaceType[];
  fields: GraphQLFieldConfigMap<Record<string, unknown>, unknown>;
}
type TypeOf<M extends Mode> = M extends 'output' ? GraphQLOutputType : GraphQLInputType;

/**
 * GraphQL types from OpenAPI schemas (the registry's models and CRD schemas): one object type per
 * model, named by kind-names' convention, and the matching input type (`…Input`) for mutations.
 * Every field is typed: strings, int32 as Int, int64 as Int64, Quantity, IntOrString, Time and
 * MicroTime as named scalars; maps, free-form and untyped fields as JSON. Fields are nullable: the
 * API omits empty ones. Inline object schemas (CRDs) are named after their path (`ComExampleV1WidgetSpec`).
 */
export class KindTypesBuilder {
  private readonly outputs = new Map<string, GraphQLOutputType>();
  private readonly inputs = new Map<string, GraphQLInputType>();
  /** Set by the schema builder once every kind is known; read lazily (when graphql-js asks a type for its fields). */
  decorate: (typeName: string, schema: OpenApiSchema) => KindDecoration | undefined = () => undefined;

  constructor(
    private readonly model: (name: string) => OpenApiSchema | undefined,
    /** The schema's JSON scalar (one instance per schema: the merged schema takes the dashboard's). */
    readonly json: GraphQLScalarType = JSONScalar,
    /** A builder whose models come first (the built-in kinds'): its types are used, never built again here. */
    private readonly parent?: KindTypesBuilder,
  ) {}

  /** The object type of a named model (JSON when the model is unknown or has no fields). */
  outputOfModel(name: string): GraphQLOutputType {
    return this.ofModel(name, 'output');
  }

  inputOfModel(name: string): GraphQLInputType {
    return this.ofModel(name, 'input');
  }

  /** Every named type built so far (for the schema's `types`, so that all of them are reachable by name). */
  namedTypes(): GraphQLNamedType[] {
    return [...this.outputs.values(), ...this.inputs.values()].filter((type): type is GraphQLNamedType => 'name' in type);
  }

  private ofModel<M extends Mode>(name: string, mode: M): TypeOf<M> {
    const scalar = SCALAR_MODELS[name];
    if (scalar) return KUBE_SCALARS[scalar];
    if (this.parent?.model(name)) return this.parent.ofModel(name, mode);
    const schema = this.model(name);
    if (!schema) return this.json;
    return this.typeOf(schema, typeNameOfModel(name), mode);
  }

  private typeOf<M extends Mode>(schema: OpenApiSchema, typeName: string, mode: M): TypeOf<M> {
    const ref = schema.$ref ?? (schema.allOf?.length === 1 ? schema.allOf[0].$ref : undefined);
    if (ref) return this.ofModel(modelNameOfRef(ref), mode);
    if (schema['x-kubernetes-int-or-string']) return KUBE_SCALARS.IntOrString;
    switch (schema.type) {
      case 'string':
        return schema.format === 'date-time' ? KUBE_SCALARS.Time : schema.format === 'int-or-string' ? KUBE_SCALARS.IntOrString : GraphQLString;
      case 'integer':
        return schema.format === 'int32' ? GraphQLInt : KUBE_SCALARS.Int64;
      case 'number':
        return GraphQLFloat;
      case 'boolean':
        return GraphQLBoolean;
      case 'array':
        return (schema.items ? new GraphQLList(this.typeOf(schema.items, `${typeName}Item`, mode)) : this.json) as TypeOf<M>;
      default:
        return schema.properties && Object.keys(schema.properties).length > 0 ? this.objectOf(schema, typeName, mode) : this.json;
    }
  }

  private objectOf<M extends Mode>(schema: OpenApiSchema, typeName: string, mode: M): TypeOf<M> {
    const cache = (mode === 'output' ? this.outputs : this.inputs) as Map<string, TypeOf<M>>;
    const existing = cache.get(typeName);
    if (existing) return existing;
    const description = schema.description;
    const type =
      mode === 'output'
        ? new GraphQLObjectType({ name: typeName, description, fields: () => this.outputFields(schema, typeName), interfaces: () => this.decorate(typeName, schema)?.interfaces ?? [] })
        : new GraphQLInputObjectType({ name: `${typeName}Input`, description, fields: () => this.inputFields(schema, typeName) });
    cache.set(typeName, type as TypeOf<M>);
    return type as TypeOf<M>;
  }

  private outputFields(schema: OpenApiSchema, typeName: string): GraphQLFieldConfigMap<Record<string, unknown>, unknown> {
    const fields: GraphQLFieldConfigMap<Record<string, unknown>, unknown> = {};
    for (const [jsonName, property, name] of propertiesOf(schema)) {
      // A renamed field reads its JSON name; the others use graphql's default resolver.
      const resolve = name === jsonName ? undefined : (source: Record<string, unknown>) => source[jsonName];
      fields[name] = { type: this.typeOf(property, `${typeName}${upperCamel(jsonName)}`, 'output'), description: property.description, resolve };
    }
    // Relations go beside the model's fields, never over one.
    for (const [name, field] of Object.entries(this.decorate(typeName, schema)?.fields ?? {})) fields[name] ??= field;
    return fields;
  }

  private inputFields(schema: OpenApiSchema, typeName: string): GraphQLInputFieldConfigMap {
    const fields: GraphQLInputFieldConfigMap = {};
    for (const [jsonName, property, name] of propertiesOf(schema)) {
      const extensions: KindFieldExtensions = { jsonName };
      fields[name] = { type: this.typeOf(property, `${typeName}${upperCamel(jsonName)}`, 'input'), description: property.description, extensions: { ...extensions } };
    }
    return fields;
  }
}

/** [JSON name, schema, GraphQL name] of each property; a second property with the same GraphQL name is left out. */
function propertiesOf(schema: OpenApiSchema): [string, OpenApiSchema, string][] {
  const seen = new Set<string>();
  const result: [string, OpenApiSchema, string][] = [];
  for (const [jsonName, property] of Object.entries(schema.properties ?? {})) {
    const name = fieldNameOf(jsonName);
    if (seen.has(name)) continue;
    seen.add(name);
    result.push([jsonName, property, name]);
  }
  return result;
}

function upperCamel(jsonName: string): string {
  return jsonName
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}
