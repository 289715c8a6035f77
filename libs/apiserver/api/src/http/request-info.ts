import { queryFlag } from '@drydock/kube';
import { StatusError } from '@drydock/util';

/** What a resource request is about, as upstream's RequestInfoFactory resolves it. */
export interface RequestInfo {
  cluster: string;
  group: string;
  version: string;
  namespace: string;
  resource: string;
  name: string;
  subresource: string;
  /** get, list, watch, create, update, patch, delete, deletecollection */
  verb: string;
}

/** Subresources of a namespace itself, which `namespaces/NAME/...` must not read as a resource in it. */
const namespaceSubresources = new Set(['status', 'finalize']);

const methodVerbs: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };

/**
 * Parses `/api/v1/namespaces/ns/pods/name/sub` and `/apis/g/v/...` (already stripped of any
 * `/clusters/NAME` prefix). Returns undefined for paths that are not resource paths.
 */
export function parseResourcePath(method: string, path: string, query: URLSearchParams, cluster = 'default'): RequestInfo | undefined {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    group = '';
    rest = parts.slice(1);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1];
    rest = parts.slice(2);
  } else {
    return undefined;
  }
  const [version, ...segments] = rest;
  let namespace = '';
  // `namespaces/NAME/<resource>...` is a namespaced path; `namespaces[/NAME[/status|finalize]]` is the
  // namespace resource itself (upstream's RequestInfoFactory and its namespaceSubresources).
  if (segments[0] === 'namespaces' && segments.length >= 3 && !namespaceSubresources.has(segments[2])) {
    namespace = segments[1];
    segments.splice(0, 2);
  }
  const [resource, name = '', subresource = '', ...extra] = segments;
  // Only a proxy subresource has a path below it (`services/web:80/proxy/index.html`).
  if (!resource || (extra.length > 0 && subresource !== 'proxy')) return undefined;
  return { cluster, group, version, namespace, resource, name, subresource, verb: verbFor(method, name, query) };
}

function verbFor(method: string, name: string, query: URLSearchParams): string {
  if (method === 'GET' || method === 'HEAD') {
    // Decoded as the Go server decodes ListOptions: `watch=True` (the Python client) and `watch=1` watch.
    if (queryFlag(query, 'watch')) return 'watch';
    return name ? 'get' : 'list';
  }
  const verb = methodVerbs[method];
  if (!verb) throw StatusError.methodNotAllowed(`the server does not allow this method on the requested resource`);
  if (verb === 'delete' && !name) return 'deletecollection';
  return verb;
}

/**
 * What a request is authorized as: a list or watch whose field selector requires `metadata.name=<name>` names
 * that object, as upstream's RequestInfoFactory sets Name from the selector, so that a rule with resourceNames
 * covers a list or watch of its one object (`kubectl delete --wait`, `kubectl get NAME -w`, `kubectl wait`).
 * The request itself is still served as the list or watch it is. The selector's equality requirements go along as
 * `fieldSelector` (upstream's AuthorizeWithSelectors), for authorizers that grant by relationship.
 */
export function authorizedAs(info: RequestInfo, query: URLSearchParams): RequestInfo & { fieldSelector?: { field: string; value: string }[] } {
  if (info.name || (info.verb !== 'list' && info.verb !== 'watch')) return info;
  const fieldSelector: { field: string; value: string }[] = [];
  for (const term of (query.get('fieldSelector') ?? '').split(',')) {
    const equality = /^([^=!\s]+)==?([^=!]*)$/.exec(term.trim());
    if (equality) fieldSelector.push({ field: equality[1], value: equality[2] });
  }
  const name = fieldSelector.find((requirement) => requirement.field === 'metadata.name')?.value;
  // path.IsValidPathSegmentName: not `.` or `..`, no `/` or `%`.
  if (name && name !== '.' && name !== '..' && !/[/%]/.test(name)) return { ...info, name, fieldSelector };
  return fieldSelector.length ? { ...info, fieldSelector } : info;
}
