import { FieldSchema, SchemaNavigator } from './schema-navigator';
import { atomicModels, fieldPatchMeta, FieldPatchMeta } from './patch-strategies.table';

/**
 * Where a value sits in the type tree: its schema (undefined when unknown, e.g. custom resources)
 * and the tags of the field that holds it. Lookups go through the navigator lazily, so patching a
 * small part of a large object only resolves the types it touches.
 */
export interface TypeNode {
  schema?: FieldSchema;
  meta: FieldPatchMeta;
}

export interface ListSemantics {
  type: 'atomic' | 'set' | 'map';
  keys: string[];
  keyDefaults: Record<string, unknown>;
}

export function rootNode(modelName: string | undefined): TypeNode {
  return modelName ? { schema: { kind: 'object', model: modelName }, meta: {} } : { meta: {} };
}

/** The node of `key` inside an object or map node. */
export function childNode(node: TypeNode, key: string, navigator: SchemaNavigator): TypeNode {
  const schema = node.schema;
  if (schema?.kind === 'object') {
    const meta = navigator.fieldPatchMeta?.(schema.model, key) ?? fieldPatchMeta(schema.model, key);
    return { schema: navigator.fieldSchema(schema.model, key), meta };
  }
  if (schema?.kind === 'map') return { schema: schema.values, meta: {} };
  return { meta: {} };
}

/** The node of the items of a list node. */
export function itemNode(node: TypeNode): TypeNode {
  return { schema: node.schema?.kind === 'array' ? node.schema.items : undefined, meta: {} };
}

/** Splits `patchStrategy` into the merge strategy and the retainKeys flag, as upstream's extractRetainKeysPatchStrategy. */
export function patchStrategyOf(meta: FieldPatchMeta): { strategy: string; retainKeys: boolean } {
  const parts = (meta.patchStrategy ?? '').split(',').filter(Boolean);
  const retainKeys = parts.includes('retainKeys');
  return { strategy: parts.find((p) => p !== 'retainKeys') ?? '', retainKeys };
}

/**
 * SSA list semantics: the explicit `+listType`, else what kube-openapi derives from the patch tags
 * (merge with a key → map keyed by it, merge without → set), else atomic.
 */
export function listSemantics(node: TypeNode): ListSemantics {
  const { meta } = node;
  const keyDefaults = meta.listMapKeyDefaults ?? {};
  if (meta.listType === 'map') return { type: 'map', keys: meta.listMapKeys ?? [meta.patchMergeKey ?? ''], keyDefaults };
  if (meta.listType) return { type: meta.listType, keys: [], keyDefaults };
  const { strategy } = patchStrategyOf(meta);
  if (strategy === 'merge' && meta.patchMergeKey) return { type: 'map', keys: [meta.patchMergeKey], keyDefaults };
  if (strategy === 'merge') return { type: 'set', keys: [], keyDefaults };
  return { type: 'atomic', keys: [], keyDefaults };
}

/** True when SSA owns this object or map as a whole (`+mapType=atomic`, `+structType=atomic`). */
export function isAtomicObject(node: TypeNode): boolean {
  if (node.meta.mapType === 'atomic') return true;
  return node.schema?.kind === 'object' && atomicModels.has(node.schema.model);
}

/** True when the node is a struct whose keys are declared fields (not a map or unknown). */
export function isStruct(node: TypeNode): boolean {
  return node.schema?.kind === 'object';
}
