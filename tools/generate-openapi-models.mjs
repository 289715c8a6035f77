#!/usr/bin/env node
// Derives Drydock's OpenAPI model table from @kubernetes/client-node's generated models.
//
// client-node is generated from the upstream OpenAPI spec but keeps only class names (V1DeploymentSpec),
// an attributeTypeMap per class and JSDoc in the .d.ts. This script recovers upstream-style definition
// names (io.k8s.api.apps.v1.DeploymentSpec) from them:
//   1. The generated API classes (dist/gen/apis/*Api.js) give, per request path, the body and response types.
//      A type sent or returned on a resource's own path (not a subresource) is the kind of that group-version.
//   2. Nested types take the group-version of the kinds that reach them (core/v1 wins when it is among them,
//      since every group imports core/v1 and never the other way round).
//   3. apimachinery types (ObjectMeta, Status, ...) are a fixed list: they live in one package, not in a group.
// Output: libs/apiserver/openapi/src/generated/models.json (committed; read by @drydock/openapi).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const clientGen = path.join(root, 'node_modules/@kubernetes/client-node/dist/gen');
const output = path.join(root, 'libs/apiserver/openapi/src/generated/models.json');
const refPrefix = '#/components/schemas/';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
/** apimachinery types by client-node class name; these are not part of any API group. */
const apimachineryTypes = {
  V1APIGroup: `${META}.APIGroup`, V1APIGroupList: `${META}.APIGroupList`, V1APIResource: `${META}.APIResource`,
  V1APIResourceList: `${META}.APIResourceList`, V1APIVersions: `${META}.APIVersions`, V1Condition: `${META}.Condition`,
  V1DeleteOptions: `${META}.DeleteOptions`, V1FieldSelectorRequirement: `${META}.FieldSelectorRequirement`,
  V1GroupVersionForDiscovery: `${META}.GroupVersionForDiscovery`, V1LabelSelector: `${META}.LabelSelector`,
  V1LabelSelectorRequirement: `${META}.LabelSelectorRequirement`, V1ListMeta: `${META}.ListMeta`,
  V1ManagedFieldsEntry: `${META}.ManagedFieldsEntry`, V1ObjectMeta: `${META}.ObjectMeta`,
  V1OwnerReference: `${META}.OwnerReference`, V1Preconditions: `${META}.Preconditions`,
  V1ServerAddressByClientCIDR: `${META}.ServerAddressByClientCIDR`, V1ShardInfo: `${META}.ShardInfo`, V1Status: `${META}.Status`,
  V1StatusCause: `${META}.StatusCause`, V1StatusDetails: `${META}.StatusDetails`, V1WatchEvent: `${META}.WatchEvent`,
  VersionInfo: 'io.k8s.apimachinery.pkg.version.Info',
};
/** Kinds served only as subresources of other groups' resources, where the API classes cannot tell the group. */
const subresourceKinds = { V1Scale: 'autoscaling/v1', V1Eviction: 'policy/v1' };
/** Types the client maps to scalars; upstream they are named definitions (explain prints the name). */
const scalarModels = {
  [`${META}.Time`]: { type: 'string', format: 'date-time', description: 'Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON.' },
  [`${META}.MicroTime`]: { type: 'string', format: 'date-time', description: 'MicroTime is version of Time with microsecond level precision.' },
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { type: 'string', format: 'int-or-string', description: 'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.' },
  [`${META}.Patch`]: { type: 'object', description: 'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.' },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { type: 'string', description: 'Quantity is a fixed-point representation of a number. It provides convenient marshaling/unmarshaling in JSON and YAML, in addition to String() and AsInt64() accessors.' },
};

const versionPattern = /^([A-Z][a-z]+)*?(V\d+(?:(?:alpha|beta)\d+)?)(?=[A-Z])/;

/** V1DeploymentSpec → { prefix: '', version: 'v1', goName: 'DeploymentSpec' }; CoreV1Event → prefix 'Core'. */
function splitClassName(className) {
  const match = /^((?:[A-Z][a-z]+)*?)(V\d+(?:(?:alpha|beta)\d+)?)([A-Z]\w*)$/.exec(className);
  if (!match) return { prefix: '', version: '', goName: className };
  return { prefix: match[1], version: match[2].toLowerCase(), goName: match[3] };
}

/** Upstream definition-name package of a group-version: apps/v1 → io.k8s.api.apps.v1. */
function packageOf(groupVersion) {
  const [group, version] = groupVersion.includes('/') ? groupVersion.split('/') : ['', groupVersion];
  if (group === 'apiextensions.k8s.io') return `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.${version}`;
  if (group === 'apiregistration.k8s.io') return `io.k8s.kube-aggregator.pkg.apis.apiregistration.${version}`;
  if (group === 'internal.apiserver.k8s.io') return `io.k8s.api.apiserverinternal.${version}`;
  return `io.k8s.api.${group === '' ? 'core' : group.split('.')[0]}.${version}`;
}

// ---------------------------------------------------------------- API classes → kinds

/** Request-factory methods: name → path; response processors: name → returned types. */
function readApiOperations(source) {
  const operations = new Map();
  const methodPattern = /^ {4}async (\w+)\(/gm;
  const starts = [...source.matchAll(methodPattern)].map((m) => ({ name: m[1], at: m.index }));
  starts.forEach((start, i) => {
    const body = source.slice(start.at, starts[i + 1]?.at ?? source.length);
    const name = start.name.replace(/WithHttpInfo$/, '');
    const operation = operations.get(name) ?? { path: undefined, types: new Set() };
    const pathMatch = /localVarPath = '([^']+)'/.exec(body);
    if (pathMatch) operation.path = pathMatch[1];
    for (const m of body.matchAll(/ObjectSerializer\.(?:de)?serialize\([^;]*?, "(\w+)", ""\)/g)) operation.types.add(m[1]);
    operations.set(name, operation);
  });
  return [...operations.values()].filter((operation) => operation.path);
}

/** '/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale' → { groupVersion: 'apps/v1', subresource: true }. */
function classifyPath(requestPath) {
  const match = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))\/(.*)$/.exec(requestPath);
  if (!match) return undefined;
  const groupVersion = match[1] ?? `${match[2]}/${match[3]}`;
  const rest = match[4].replace(/^namespaces\/\{namespace\}\//, '').replace(/^watch\//, '');
  const segments = rest.split('/').filter(Boolean);
  return { groupVersion, subresource: segments.length > 2 };
}

async function readKindGroups() {
  const apisDir = path.join(clientGen, 'apis');
  const seen = { main: new Map(), sub: new Map() };
  const prefixes = new Map();
  for (const file of fs.readdirSync(apisDir).filter((f) => /V\d\w*Api\.js$/.test(f))) {
    for (const operation of readApiOperations(fs.readFileSync(path.join(apisDir, file), 'utf8'))) {
      const where = classifyPath(operation.path);
      if (!where) continue;
      prefixes.set(file.replace(/V\d\w*Api\.js$/, '') + '/' + where.groupVersion.split('/').pop(), where.groupVersion);
      for (const type of operation.types) addTo(seen[where.subresource ? 'sub' : 'main'], type, where.groupVersion);
    }
  }
  return { kinds: pickKinds(seen, prefixes), prefixes };
}

/** 'Authentication' + 'v1' → 'authentication.k8s.io/v1', for classes the generator prefixed to avoid a clash. */
function prefixGroupVersion(className, prefixes) {
  const { prefix, version } = splitClassName(className);
  return prefix ? prefixes.get(`${prefix}/${version}`) : undefined;
}

function addTo(map, key, value) {
  if (!map.has(key)) map.set(key, new Set());
  map.get(key).add(value);
}

/**
 * A type seen on the paths of exactly one group-version is a kind of it; shared ones are apimachinery's.
 * A type seen only on subresource paths (pods/eviction, serviceaccounts/token) may belong to another group:
 * its class prefix (AuthenticationV1TokenRequest) or the subresourceKinds table says which.
 */
function pickKinds(seen, prefixes) {
  const kinds = new Map();
  for (const source of [seen.sub, seen.main]) {
    for (const [type, groupVersions] of source) {
      if (groupVersions.size === 1 && !(type in apimachineryTypes)) kinds.set(type, [...groupVersions][0]);
    }
  }
  for (const type of kinds.keys()) kinds.set(type, prefixGroupVersion(type, prefixes) ?? kinds.get(type));
  for (const [type, groupVersion] of Object.entries(subresourceKinds)) kinds.set(type, groupVersion);
  return kinds;
}

// ---------------------------------------------------------------- model files

async function readModelClasses() {
  const dir = path.join(clientGen, 'models');
  const classes = new Map();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.js') && !['all.js', 'ObjectSerializer.js'].includes(f))) {
    const module = await import(pathToFileURL(path.join(dir, file)).href);
    const declaration = fs.readFileSync(path.join(dir, file.replace(/\.js$/, '.d.ts')), 'utf8');
    for (const [className, cls] of Object.entries(module)) {
      if (cls?.attributeTypeMap) classes.set(className, { attributes: cls.attributeTypeMap, ...readDeclaration(declaration) });
    }
  }
  return classes;
}

const unescape = (text) => text.replace(/\\(.)/g, '$1');

/** Class and member JSDoc plus required-ness (no `?`) from a generated .d.ts. */
function readDeclaration(source) {
  const classDoc = /\/\*\*\n\* ((?:(?!\*\/)[^])*?)\n\*\/\nexport declare class/.exec(source);
  const members = {};
  const memberPattern = /(?:\/\*\*\n\s*\* ((?:(?!\*\/)[^])*?)\n\s*\*\/\n)?\s{4}'([^']+)'(\??):/g;
  for (const m of source.matchAll(memberPattern)) {
    members[m[2]] = { description: m[1] ? unescape(m[1].replace(/\n\s*\* ?/g, '\n')) : undefined, required: m[3] !== '?' };
  }
  return { description: classDoc ? unescape(classDoc[1].replace(/\n\* ?/g, '\n')) : '', members };
}

/** Model class names an attribute type mentions: 'Array<V1Container>' → ['V1Container']. */
function referencedClasses(type, classes) {
  return (type.match(/\b[A-Z]\w*\b/g) ?? []).filter((name) => classes.has(name));
}

// ---------------------------------------------------------------- naming

/** Gives every class its group-version (kinds), or walks from each kind to its nested types. */
function assignGroupVersions(classes, kinds, prefixes) {
  const owners = new Map();
  for (const className of classes.keys()) {
    const groupVersion = prefixGroupVersion(className, prefixes);
    if (groupVersion) owners.set(className, new Set([groupVersion]));
  }
  for (const [kind, groupVersion] of kinds) {
    if (classes.has(kind)) owners.set(kind, new Set([groupVersion]));
  }
  const fixed = new Set([...owners.keys(), ...Object.keys(apimachineryTypes)]);
  for (const [kind, groupVersion] of kinds) walkNested(kind, groupVersion, classes, fixed, owners);
  return owners;
}

function walkNested(kind, groupVersion, classes, fixed, owners) {
  const queue = [kind];
  const visited = new Set(queue);
  while (queue.length) {
    const current = classes.get(queue.shift());
    for (const attribute of current?.attributes ?? []) {
      for (const name of referencedClasses(attribute.type, classes)) {
        if (visited.has(name) || fixed.has(name)) continue;
        visited.add(name);
        addTo(owners, name, groupVersion);
        queue.push(name);
      }
    }
  }
}

/** Among the group-versions reaching a nested type: its own version, core/v1 first, else the first by name. */
function chooseGroupVersion(className, candidates) {
  const { version } = splitClassName(className);
  const sameVersion = [...candidates].filter((gv) => gv.split('/').pop() === version).sort();
  if (sameVersion.includes(version)) return version;
  if (sameVersion.length) return sameVersion[0];
  return version === 'v1' ? 'v1' : [...candidates].sort()[0];
}

/**
 * A model no served kind reaches (left over from an older spec, e.g. V1alpha3ResourceClaim) takes the group
 * of a same-named type in another version; failing that, core.
 */
function groupOfUnreachable(className, owners) {
  const { version, goName } = splitClassName(className);
  const votes = new Map();
  for (const [other, candidates] of owners) {
    if (other === className || splitClassName(other).goName !== goName) continue;
    const group = [...candidates].sort()[0].split('/').slice(0, -1).join('/');
    votes.set(group, (votes.get(group) ?? 0) + 1);
  }
  const [group] = [...votes].sort((a, b) => b[1] - a[1])[0] ?? [''];
  if (!votes.size) console.warn(`unreachable model ${className}: assumed core/${version}`);
  return group ? `${group}/${version}` : version;
}

function nameClasses(classes, owners) {
  const names = new Map(Object.entries(apimachineryTypes));
  for (const className of classes.keys()) {
    if (names.has(className)) continue;
    const candidates = owners.get(className);
    const groupVersion = candidates ? chooseGroupVersion(className, candidates) : groupOfUnreachable(className, owners);
    names.set(className, `${packageOf(groupVersion)}.${splitClassName(className).goName}`);
  }
  return names;
}

// ---------------------------------------------------------------- schema conversion

const ref = (name) => ({ $ref: refPrefix + name });

/** An attributeTypeMap type as an OpenAPI schema. */
function schemaOfType(type, format, names) {
  const array = /^Array<(.+)>$/.exec(type);
  if (array) return { type: 'array', items: schemaOfType(array[1], format, names) };
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) return { type: 'object', additionalProperties: schemaOfType(map[1], format, names) };
  if (names.has(type)) return ref(names.get(type));
  switch (type) {
    case 'string': return format ? { type, format } : { type };
    case 'boolean': return { type };
    case 'number': return format === 'double' ? { type: 'number', format } : { type: 'integer', format: format || undefined };
    case 'Date': return ref(`${META}.Time`);
    case 'V1MicroTime': return ref(`${META}.MicroTime`);
    case 'IntOrString': return ref('io.k8s.apimachinery.pkg.util.intstr.IntOrString');
    case 'any': return {};
    default: throw new Error(`unknown attribute type ${type}`);
  }
}

function modelOf(info, names) {
  const properties = {};
  const required = [];
  for (const attribute of info.attributes) {
    const member = info.members[attribute.name] ?? info.members[attribute.baseName] ?? {};
    const schema = schemaOfType(attribute.type, attribute.format, names);
    properties[attribute.baseName] = member.description ? { ...schema, description: member.description } : schema;
    if (member.required) required.push(attribute.baseName);
  }
  return { description: info.description, type: 'object', ...(required.length ? { required } : {}), properties };
}

function groupVersionKind(groupVersion, kind) {
  const [group, version] = groupVersion.includes('/') ? groupVersion.split('/') : ['', groupVersion];
  return { group, version, kind };
}

/** Kinds and their lists carry x-kubernetes-group-version-kind, as upstream's definitions do. */
function kindExtensions(kinds, names) {
  const extensions = new Map([[`${META}.Status`, [groupVersionKind('v1', 'Status')]]]);
  for (const [className, groupVersion] of kinds) {
    if (!names.has(className)) continue;
    const { goName } = splitClassName(className);
    if (goName.endsWith('List') && kinds.has(className.slice(0, -4))) continue;
    extensions.set(names.get(className), [groupVersionKind(groupVersion, goName)]);
    const list = names.get(`${className}List`);
    if (list) extensions.set(list, [groupVersionKind(groupVersion, `${goName}List`)]);
  }
  return extensions;
}

/** Classes left over from an older spec whose upstream name a served class now has (V1ResourceClaim). */
function staleDuplicates(names, owners) {
  const byName = new Map();
  for (const [className, name] of names) addTo(byName, name, className);
  const stale = new Set();
  for (const classNames of byName.values()) {
    if (classNames.size < 2) continue;
    for (const className of classNames) if (!owners.has(className) && !(className in apimachineryTypes)) stale.add(className);
  }
  return stale;
}

function sortedObject(entries) {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

async function main() {
  const { kinds, prefixes } = await readKindGroups();
  const classes = await readModelClasses();
  const owners = assignGroupVersions(classes, kinds, prefixes);
  const names = nameClasses(classes, owners);
  const stale = staleDuplicates(names, owners);
  const extensions = kindExtensions(kinds, names);
  const models = new Map(Object.entries(scalarModels));
  for (const [className, info] of classes) {
    if (stale.has(className)) continue;
    const model = modelOf(info, names);
    if (extensions.has(names.get(className))) model['x-kubernetes-group-version-kind'] = extensions.get(names.get(className));
    if (models.has(names.get(className))) throw new Error(`two classes named ${names.get(className)}`);
    models.set(names.get(className), model);
  }
  const clientVersion = JSON.parse(fs.readFileSync(path.join(clientGen, '../../package.json'), 'utf8')).version;
  fs.mkdirSync(path.dirname(output), { recursive: true });
  const body = JSON.stringify({ source: `@kubernetes/client-node@${clientVersion}`, models: sortedObject(models) });
  fs.writeFileSync(output, body + '\n');
  console.log(`wrote ${models.size} models, ${(body.length / 1024).toFixed(0)} KiB, to ${path.relative(root, output)}`);
}

await main();
