import fc from 'fast-check';
import { stringify } from 'yaml';
import type { Operation } from './openapi-operations';

/** Strings a hostile client sends where a name, a value or a selector belongs. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '..', '.', '%', '%00', '\u0000', '\ud800', '💥', 'a'.repeat(300), '-1', '0', '9'.repeat(30), '1e308', 'NaN', 'null', 'true', '[]', '{}', '$', '${x}', "'; drop table objects; --", '<script>', '../../etc/passwd', 'a,b', 'a=b', 'a!=b', 'a in (b', 'x/y', 'system:admin', '__proto__', 'constructor'),
);

const labelKey = fc.oneof(fc.constantFrom('app', 'fuzz-target', 'k8s.io/name', 'a.b/c', 'x'), hostileString);
const labelValue = fc.oneof(fc.constantFrom('1', 'web', '', 'a-b_c.d'), hostileString);

/** Label selectors: well-formed ones of every operator, and broken ones. */
export const labelSelector: fc.Arbitrary<string> = fc.oneof(
  fc.array(
    fc.oneof(
      fc.tuple(labelKey, fc.constantFrom('=', '==', '!='), labelValue).map(([k, op, v]) => `${k}${op}${v}`),
      fc.tuple(labelKey, fc.constantFrom(' in ', ' notin '), fc.array(labelValue, { maxLength: 4 })).map(([k, op, vs]) => `${k}${op}(${vs.join(',')})`),
      fc.tuple(fc.constantFrom('', '!'), labelKey).map(([not, k]) => `${not}${k}`),
    ),
    { minLength: 1, maxLength: 4 },
  ).map((parts) => parts.join(',')),
  hostileString,
);

/** Field selectors, including fields no kind supports. */
export const fieldSelector: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom('metadata.name', 'metadata.namespace', 'status.phase', 'spec.nodeName', 'spec.unknown', 'type', ''), fc.constantFrom('=', '==', '!=', ' in ', '>'), labelValue).map(([f, op, v]) => `${f}${op}${v}`),
  hostileString,
);

const resourceVersion = fc.oneof(fc.constantFrom('0', '1', '', '-1', '18446744073709551616', '99999999999', 'abc', '1.5'), fc.bigInt({ min: 0n, max: 2n ** 70n }).map(String), hostileString);

/** A value for one declared query parameter, by its name and schema type, sometimes of the wrong type. */
function queryValue(name: string, type: string): fc.Arbitrary<string> {
  const byName: Record<string, fc.Arbitrary<string>> = {
    labelSelector,
    fieldSelector,
    resourceVersion,
    resourceVersionMatch: fc.constantFrom('Exact', 'NotOlderThan', 'exact', ''),
    dryRun: fc.constantFrom('All', 'all', 'None', ''),
    fieldValidation: fc.constantFrom('Strict', 'Warn', 'Ignore', 'strict', 'Bogus'),
    fieldManager: fc.oneof(fc.constantFrom('fuzz', 'kubectl', 'x'.repeat(200)), hostileString),
    propagationPolicy: fc.constantFrom('Foreground', 'Background', 'Orphan', 'Sideways'),
    container: fc.constantFrom('main', 'missing', ''),
    continue: fc.oneof(fc.base64String({ maxLength: 60 }), hostileString),
  };
  const wrongType = hostileString;
  if (byName[name]) return fc.oneof({ weight: 4, arbitrary: byName[name] }, { weight: 1, arbitrary: wrongType });
  if (type === 'integer') return fc.oneof(fc.integer().map(String), fc.constantFrom('0', '-1', '1e3', '2147483648', '9'.repeat(25)), wrongType);
  if (type === 'boolean') return fc.oneof(fc.constantFrom('true', 'false', '1', '0', 'TRUE', 'yes'), wrongType);
  return hostileString;
}

/** The query string of a request: some declared parameters, sometimes an undeclared one. */
export function queryString(operation: Operation): fc.Arbitrary<[string, string][]> {
  const declared = operation.query.map((p) => fc.tuple(fc.constant(p.name), queryValue(p.name, p.type)));
  const extra = fc.tuple(fc.constantFrom('watch', 'limit', 'pretty', 'timeoutSeconds', 'gracePeriodSeconds', 'follow', 'tailLines', 'command', 'x'), hostileString);
  const one = declared.length ? fc.oneof({ weight: 4, arbitrary: fc.oneof(...declared) }, { weight: 1, arbitrary: extra }) : extra;
  return fc.array(one, { maxLength: 4 });
}

/** Percent-encodes a string for a URL; lone surrogates (which no URL can carry) become U+FFFD first. */
export function urlEncode(value: string): string {
  return encodeURIComponent(Buffer.from(value, 'utf8').toString('utf8'));
}

/** A path segment where a namespace or a name goes: mostly the real one, sometimes hostile (percent-encoded). */
export function segment(real: string[]): fc.Arbitrary<string> {
  return fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...real) }, { weight: 1, arbitrary: hostileString.map(urlEncode) }, { weight: 1, arbitrary: fc.constantFrom('%2e%2e', '..%2f..', 'a%2Fb', '%00', 'UPPER') });
}

/** A JSON value of bounded size, with the shapes that break decoders: huge numbers, deep nesting, directives. */
export const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom(1e308, -0, 2 ** 64, '\u0000', { $patch: 'delete' }, { $patch: 'replace' }, { $retainKeys: ['x'] }, { __proto__: { admin: true } }, [null], { '': '' }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 200 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth))) },
);

/** Sets `value` at a random path of `object` (a copy), creating objects on the way. */
function mutate(object: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(object);
  let at: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof at[key] !== 'object' || at[key] === null) at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  at[path[path.length - 1]] = value;
  return copy;
}

const fieldName = fc.oneof(fc.constantFrom('metadata', 'spec', 'status', 'data', 'stringData', 'kind', 'apiVersion', 'name', 'namespace', 'labels', 'annotations', 'finalizers', 'ownerReferences', 'managedFields', 'resourceVersion', 'uid', 'generateName', 'deletionTimestamp', 'containers', 'replicas', 'selector', 'template', 'rules', 'subjects', 'roleRef', 'type', 'ports', 'items'), fc.string({ maxLength: 12 }));

/** An object body: the kind's sample with a few fields replaced by hostile values. */
export function objectBody(sample: Record<string, unknown>): fc.Arbitrary<unknown> {
  const mutation = fc.tuple(fc.array(fieldName, { minLength: 1, maxLength: 4 }), jsonValue);
  return fc.oneof(
    { weight: 3, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms) => ms.reduce((o, [path, value]) => mutate(o, path, value), sample)) },
    { weight: 1, arbitrary: jsonValue },
  );
}

/** A JSON patch (RFC 6902): operations of every kind, on paths that exist and paths that do not. */
export const jsonPatch: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.record({ op: fc.constantFrom('add', 'remove', 'replace', 'move', 'copy', 'test', 'bogus'), path: fc.oneof(fc.constantFrom('/metadata/labels/a', '/metadata/name', '/metadata/resourceVersion', '/data/x', '/spec/containers/0/image', '/spec/replicas', '/metadata/finalizers/-', '', '/', '/~2', '/a~1b'), fc.array(fieldName, { maxLength: 4 }).map((p) => '/' + p.join('/'))), value: jsonValue, from: fc.constantFrom('/metadata/labels', '/data', '/nope') }, { requiredKeys: ['op'] }), { maxLength: 4 }) },
  { weight: 1, arbitrary: jsonValue },
);

/** A body as the bytes on the wire, with the content type it claims. */
export interface WireBody {
  body: string;
  contentType: string;
}

/** Encodes a value as JSON, YAML or truncated JSON, and sometimes claims a type it is not. */
export function wire(value: fc.Arbitrary<unknown>, contentTypes: string[]): fc.Arbitrary<WireBody> {
  const encoded = fc.tuple(value, fc.constantFrom('json', 'yaml', 'truncated', 'garbage')).map(([v, how]) => {
    if (how === 'yaml') return safeYaml(v);
    const json = JSON.stringify(v) ?? 'undefined';
    if (how === 'truncated') return json.slice(0, Math.max(1, Math.floor(json.length / 2)));
    if (how === 'garbage') return json.replace(/[",:]/, '\u0000');
    return json;
  });
  const claimed = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...contentTypes) }, { weight: 1, arbitrary: fc.constantFrom('application/vnd.kubernetes.protobuf', 'text/plain', 'application/json; charset=utf-16', 'multipart/form-data; boundary=x', '*/*', ';;;', 'application/json-patch+json') });
  return fc.record({ body: encoded, contentType: claimed });
}

function safeYaml(value: unknown): string {
  try {
    return stringify(value);
  } catch {
    return 'a: [';
  }
}
