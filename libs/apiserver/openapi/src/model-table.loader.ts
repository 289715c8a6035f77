import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drydockModels } from './drydock-models';
import type { GroupVersionKind, OpenApiModel, OpenApiSchema } from './openapi.types';

/** Prefix of every `$ref` in models.json and in the v3 documents. */
export const schemaRefPrefix = '#/components/schemas/';

interface ModelTable {
  source: string;
  models: Record<string, OpenApiModel>;
  /** The same models by name: the validators look one up for every `$ref` of every object they walk. */
  byName: Map<string, OpenApiModel>;
}

let table: ModelTable | undefined;
let kindIndex: Map<string, string> | undefined;

/**
 * models.json is ~1.2 MB: read and parsed on first use, once per process. Drydock's own group
 * (drydock-models.ts) joins it there, so every reader sees one table.
 */
function loadTable(): ModelTable {
  if (table) return table;
  const generated = JSON.parse(readFileSync(join(__dirname, 'generated', 'models.json'), 'utf8')) as ModelTable;
  const models = Object.fromEntries(Object.entries({ ...generated.models, ...drydockModels }).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  table = { source: generated.source, models, byName: new Map(Object.entries(models)) };
  return table;
}

/** The model named upstream-style (`io.k8s.api.apps.v1.DeploymentSpec`), or undefined. Do not mutate it. */
export function getModel(name: string): OpenApiModel | undefined {
  return loadTable().byName.get(name);
}

/** What a `$ref` names: the model's name and the model (undefined when unknown), remembered per `$ref`. */
export interface ReferencedModel {
  name: string;
  model: OpenApiModel | undefined;
}

const referenced = new Map<string, ReferencedModel>();

/** `#/components/schemas/io.k8s.api.core.v1.PodSpec` → its name and model, resolved once per `$ref` string (the walkers follow one for every field they visit). */
export function modelOfRef(ref: string): ReferencedModel {
  let found = referenced.get(ref);
  if (!found) {
    const name = modelNameOfRef(ref);
    found = { name, model: getModel(name) };
    referenced.set(ref, found);
  }
  return found;
}

/** Every model name, sorted. */
export function modelNames(): string[] {
  return Object.keys(loadTable().models);
}

/** `#/components/schemas/io.k8s.api.apps.v1.Deployment` → `io.k8s.api.apps.v1.Deployment`. */
export function modelNameOfRef(ref: string): string {
  return ref.startsWith(schemaRefPrefix) ? ref.slice(schemaRefPrefix.length) : ref;
}

/** The model carrying `x-kubernetes-group-version-kind` {group, version, kind} (a kind or a kind's list). */
export function modelNameForKind(gvk: GroupVersionKind): string | undefined {
  if (!kindIndex) {
    kindIndex = new Map();
    for (const [name, model] of Object.entries(loadTable().models)) {
      for (const each of model['x-kubernetes-group-version-kind'] ?? []) kindIndex.set(gvkKey(each), name);
    }
  }
  return kindIndex.get(gvkKey(gvk));
}

function gvkKey({ group, version, kind }: GroupVersionKind): string {
  return `${group}/${version}/${kind}`;
}

/**
 * What describes a resource's objects, for unknownFields: a CRD's schema, else the named model, else the
 * model found by GVK. Undefined when none is known (then nothing can be checked).
 */
export function resourceSchema(resource: {
  group: string;
  version: string;
  kind: string;
  model?: string;
  schema?: OpenApiSchema;
}): string | OpenApiSchema | undefined {
  if (resource.schema) return resource.schema;
  if (resource.model && getModel(resource.model)) return resource.model;
  return modelNameForKind({ group: resource.group, version: resource.version, kind: resource.kind });
}
