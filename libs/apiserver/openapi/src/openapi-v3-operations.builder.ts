import { schemaRefPrefix } from './model-table.loader';
import type { GroupVersionKind, OpenApiResource, OpenApiSchema } from './openapi.types';

/** Component names a resource's operations refer to. */
export interface ResourceSchemaNames {
  kind: string;
  list: string;
}

type Operation = Record<string, unknown>;
type PathItem = Record<string, unknown>;

const defaultVerbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const ref = (name: string): OpenApiSchema => ({ $ref: schemaRefPrefix + name });
const query = (name: string, type = 'string') => ({ name, in: 'query', schema: { type } });
const pathParameter = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });

const writeParameters = [query('dryRun'), query('fieldManager'), query('fieldValidation')];
/** kubectl and helm look for `fieldValidation` on the PATCH of a kind to decide the server validates it. */
const patchParameters = [...writeParameters, query('force', 'boolean')];
const listParameters = ['allowWatchBookmarks:boolean', 'continue', 'fieldSelector', 'labelSelector', 'limit:integer',
  'resourceVersion', 'resourceVersionMatch', 'sendInitialEvents:boolean', 'timeoutSeconds:integer', 'watch:boolean']
  .map((spec) => query(...(spec.split(':') as [string, string?])));
const deleteParameters = [query('dryRun'), query('gracePeriodSeconds', 'integer'), query('propagationPolicy')];

/** Strategic merge patch is left out on purpose: the schemas carry no x-kubernetes-patch-* extensions. */
export const patchContentTypes = ['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml'];

const deleteOptions = 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions';
const status = 'io.k8s.apimachinery.pkg.apis.meta.v1.Status';
const patch = 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch';
const scale = { name: 'io.k8s.api.autoscaling.v1.Scale', gvk: { group: 'autoscaling', version: 'v1', kind: 'Scale' } };

/**
 * Every path of one resource, upstream-style: collection, item, all-namespaces list, and the status, scale
 * and extra subresources. `extraSchema` names the model of an extra subresource's kind, if there is one.
 */
export function resourcePaths(
  resource: OpenApiResource,
  names: ResourceSchemaNames,
  extraSchema: (gvk: GroupVersionKind) => string | undefined,
): Record<string, PathItem> {
  const { collection, item, allNamespaces } = resourceUrls(resource);
  const gvk = { group: resource.group, version: resource.version, kind: resource.kind };
  const verbs = new Set(resource.verbs ?? defaultVerbs);
  const itemParameters = [pathParameter('name'), ...namespaceParameter(resource)];
  const paths: Record<string, PathItem> = {};
  addPath(paths, collection, namespaceParameter(resource), collectionOperations(resource, names, verbs, gvk));
  addPath(paths, item, itemParameters, itemOperations(resource, names.kind, new Set([...verbs].filter((v) => v !== 'create')), gvk));
  if (allNamespaces && verbs.has('list')) addPath(paths, allNamespaces, [], { get: listOperation(resource, names.list, verbs, gvk, 'ForAllNamespaces') });
  if (resource.subresources?.status) {
    addPath(paths, `${item}/status`, itemParameters, itemOperations(resource, names.kind, new Set(['get', 'update', 'patch']), gvk, 'Status'));
  }
  if (resource.subresources?.scale) {
    addPath(paths, `${item}/scale`, itemParameters, itemOperations(resource, scale.name, new Set(['get', 'update', 'patch']), scale.gvk, 'Scale'));
  }
  for (const extra of resource.subresources?.extra ?? []) {
    const extraGvk = { group: extra.group ?? resource.group, version: extra.version ?? resource.version, kind: extra.kind };
    const schema = extraSchema(extraGvk);
    const sub = extra.name.split('/').pop()!;
    if (schema) addPath(paths, `${item}/${sub}`, itemParameters, itemOperations(resource, schema, new Set(extra.verbs), extraGvk, pascal(sub)));
  }
  return paths;
}

function addPath(paths: Record<string, PathItem>, url: string, parameters: unknown[], operations: Record<string, Operation>): void {
  if (Object.keys(operations).length === 0) return;
  paths[url] = parameters.length ? { parameters, ...operations } : { ...operations };
}

function resourceUrls(resource: OpenApiResource) {
  const prefix = resource.group ? `/apis/${resource.group}/${resource.version}` : `/api/${resource.version}`;
  const collection = resource.namespaced ? `${prefix}/namespaces/{namespace}/${resource.resource}` : `${prefix}/${resource.resource}`;
  return { collection, item: `${collection}/{name}`, allNamespaces: resource.namespaced ? `${prefix}/${resource.resource}` : undefined };
}

function namespaceParameter(resource: OpenApiResource) {
  return resource.namespaced ? [pathParameter('namespace')] : [];
}

function collectionOperations(resource: OpenApiResource, names: ResourceSchemaNames, verbs: Set<string>, gvk: GroupVersionKind) {
  const operations: Record<string, Operation> = {};
  if (verbs.has('list')) operations.get = listOperation(resource, names.list, verbs, gvk);
  if (verbs.has('create')) {
    operations.post = operation('post', resource, gvk, {
      parameters: writeParameters,
      requestBody: jsonBody(names.kind),
      responses: responses(names.kind, ['200', '201', '202']),
    });
  }
  if (verbs.has('deletecollection')) {
    operations.delete = operation('deletecollection', resource, gvk, {
      parameters: [...deleteParameters, ...listParameters.filter((p) => !/^(watch|allowWatchBookmarks)$/.test(p.name))],
      requestBody: jsonBody(deleteOptions),
      responses: responses(status, ['200']),
    });
  }
  return operations;
}

function listOperation(resource: OpenApiResource, list: string, verbs: Set<string>, gvk: GroupVersionKind, suffix = ''): Operation {
  const parameters = verbs.has('watch') ? listParameters : listParameters.filter((p) => !/^(watch|allowWatchBookmarks|sendInitialEvents)$/.test(p.name));
  return operation('list', resource, gvk, { parameters, responses: responses(list, ['200']) }, suffix);
}

function itemOperations(resource: OpenApiResource, schema: string, verbs: Set<string>, gvk: GroupVersionKind, sub = '') {
  const operations: Record<string, Operation> = {};
  const on = (action: string, body: Record<string, unknown>) => operation(action, resource, gvk, body, sub);
  if (verbs.has('get')) operations.get = on('get', { responses: responses(schema, ['200']) });
  if (verbs.has('update')) operations.put = on('put', { parameters: writeParameters, requestBody: jsonBody(schema), responses: responses(schema, ['200', '201']) });
  if (verbs.has('create')) operations.post = on('post', { parameters: writeParameters, requestBody: jsonBody(schema), responses: responses(schema, ['200', '201', '202']) });
  if (verbs.has('patch')) operations.patch = on('patch', { parameters: patchParameters, requestBody: patchBody(), responses: responses(schema, ['200', '201']) });
  if (verbs.has('delete')) {
    operations.delete = on('delete', { parameters: deleteParameters, requestBody: jsonBody(deleteOptions), responses: responses(status, ['200', '202']) });
  }
  return operations;
}

/** Upstream's operationId verbs and descriptions, by x-kubernetes-action. */
const actions: Record<string, { verb: string; description: string }> = {
  get: { verb: 'read', description: 'read the specified' },
  list: { verb: 'list', description: 'list or watch objects of kind' },
  post: { verb: 'create', description: 'create' },
  put: { verb: 'replace', description: 'replace the specified' },
  patch: { verb: 'patch', description: 'partially update the specified' },
  delete: { verb: 'delete', description: 'delete' },
  deletecollection: { verb: 'deleteCollection', description: 'delete collection of' },
};

function operation(action: string, resource: OpenApiResource, gvk: GroupVersionKind, body: Record<string, unknown>, suffix = ''): Operation {
  const namespaced = resource.namespaced && suffix !== 'ForAllNamespaces' ? 'Namespaced' : '';
  const subresource = suffix && suffix !== 'ForAllNamespaces' ? `${suffix.toLowerCase()} of ` : '';
  return {
    description: `${actions[action].description} ${subresource}${resource.kind}`,
    operationId: `${actions[action].verb}${groupVersionId(resource)}${namespaced}${resource.kind}${suffix}`,
    ...body,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': { group: gvk.group, version: gvk.version, kind: gvk.kind },
  };
}

/** '' v1 → CoreV1; rbac.authorization.k8s.io v1 → RbacAuthorizationV1 (the upstream operationId infix). */
function groupVersionId({ group, version }: OpenApiResource): string {
  const words = group ? group.replace(/\.k8s\.io$/, '').split(/[.-]/) : ['core'];
  return words.map(pascal).join('') + pascal(version);
}

function pascal(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function jsonBody(schema: string) {
  return { required: true, content: { 'application/json': { schema: ref(schema) } } };
}

function patchBody() {
  return { required: true, content: Object.fromEntries(patchContentTypes.map((type) => [type, { schema: ref(patch) }])) };
}

function responses(schema: string, codes: string[]) {
  const content = { 'application/json': { schema: ref(schema) } };
  return { ...Object.fromEntries(codes.map((code) => [code, { description: code === '201' ? 'Created' : code === '202' ? 'Accepted' : 'OK', content }])), '401': { description: 'Unauthorized' } };
}
