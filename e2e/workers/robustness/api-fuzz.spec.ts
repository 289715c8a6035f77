import fc from 'fast-check';
import { useRobustDrydock, type RawRequest } from './support/robust-drydock';
import { servedOperations, type Operation } from './support/openapi-operations';
import { jsonPatch, labelSelector, urlEncode, objectBody, queryString, segment, wire, type WireBody } from './support/fuzz-inputs';
import { describeAnswer, statusViolation, type Finding } from './support/invariants';
import { fuzzGraphql, fuzzGraphqlWebSocket, fuzzUpgrades } from './support/graphql-fuzz';

/**
 * Input fuzzing of every served endpoint (issue 16, part 3): each operation of the OpenAPI v3 documents
 * gets hostile path segments, query parameters, bodies and patches; every root field of the GraphQL
 * schema gets hostile arguments; the WebSocket endpoints get hostile frames. The invariants: never a 5xx,
 * never a hang, every error a v1 Status, no object changed by a refused write, no process crashed.
 * `npm test` runs a bounded pass (FUZZ_RUNS per operation, default 2); `npm run test:fuzz` a longer one.
 * `npm test` uses a fixed seed, so CI is repeatable; `test:fuzz` a new one each run. FUZZ_SEED reproduces a
 * run (the seed is printed).
 */
const seed = Number(process.env.FUZZ_SEED ?? 1);
const runsPerOperation = Number(process.env.FUZZ_RUNS ?? 2);
const NAMESPACES = ['fuzz-a', 'fuzz-b'];
const TARGET = 'target';

/** A valid object of each kind the fuzzer mutates; kinds not listed get apiVersion, kind and metadata only. */
const container = { name: 'main', image: 'nginx:1.27' };
const template = { metadata: { labels: { app: 'fuzz' } }, spec: { containers: [container] } };
const specs: Record<string, Record<string, unknown>> = {
  Pod: { spec: { containers: [container] } },
  Deployment: { spec: { replicas: 1, selector: { matchLabels: { app: 'fuzz' } }, template } },
  ReplicaSet: { spec: { replicas: 0, selector: { matchLabels: { app: 'fuzz' } }, template } },
  StatefulSet: { spec: { replicas: 0, serviceName: 'fuzz', selector: { matchLabels: { app: 'fuzz' } }, template } },
  DaemonSet: { spec: { selector: { matchLabels: { app: 'fuzz' } }, template } },
  ReplicationController: { spec: { replicas: 0, selector: { app: 'fuzz' }, template } },
  Job: { spec: { suspend: true, template: { spec: { containers: [container], restartPolicy: 'Never' } } } },
  CronJob: { spec: { schedule: '0 0 1 1 *', suspend: true, jobTemplate: { spec: { template: { spec: { containers: [container], restartPolicy: 'Never' } } } } } },
  Service: { spec: { ports: [{ port: 80 }], selector: { app: 'fuzz' } } },
  ConfigMap: { data: { a: '1' } },
  Secret: { stringData: { password: 'fuzz' } },
  Role: { rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] },
  RoleBinding: { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'target' }, subjects: [{ kind: 'User', name: 'fuzz', apiGroup: 'rbac.authorization.k8s.io' }] },
  PersistentVolumeClaim: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
  ResourceQuota: { spec: { hard: { pods: '100' } } },
  LimitRange: { spec: { limits: [{ type: 'Container', default: { cpu: '100m' } }] } },
  HorizontalPodAutoscaler: { spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'target' }, minReplicas: 1, maxReplicas: 2 } },
  PodDisruptionBudget: { spec: { minAvailable: 1, selector: { matchLabels: { app: 'fuzz' } } } },
  NetworkPolicy: { spec: { podSelector: {} } },
  Lease: { spec: { holderIdentity: 'fuzz' } },
};

/** Cluster-scoped kinds whose objects the fuzzer must not create or delete freely (they would change the server under test). */
const guardedClusterKinds = new Set(['Namespace', 'Node', 'ClusterRole', 'ClusterRoleBinding', 'APIService', 'CustomResourceDefinition', 'Cluster', 'User', 'Team', 'PriorityClass', 'StorageClass', 'PersistentVolume', 'FlowSchema', 'PriorityLevelConfiguration', 'IngressClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'RuntimeClass']);

function sample(operation: Operation, namespace: string, name: string): Record<string, unknown> {
  const apiVersion = operation.group ? `${operation.group}/${operation.version}` : operation.version;
  const metadata: Record<string, unknown> = { name, labels: { 'fuzz-target': '1' } };
  if (operation.namespaced) metadata.namespace = namespace;
  return { apiVersion, kind: operation.kind, metadata, ...structuredClone(specs[operation.kind] ?? {}) };
}

function fill(operation: Operation, namespace: string, name: string): string {
  return operation.template.replace('{namespace}', namespace).replace('{name}', name).replace('{path}', 'x');
}

const patchTypes = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml'];
const acceptHeaders = ['application/json', 'application/json', 'application/json;as=Table;v=v1;g=meta.k8s.io', 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io', 'application/yaml', 'text/html', '*/*', ''];

interface Generated {
  request: RawRequest;
  accept: string;
  /** The object a refused write must leave as it was, or the name a refused create must not leave behind. */
  guards?: { path: string; created?: boolean };
}

let created = 0;
function requestFor(operation: Operation): fc.Arbitrary<Generated> {
  const clusterGuarded = !operation.namespaced && guardedClusterKinds.has(operation.kind);
  const write = !['GET', 'HEAD'].includes(operation.method);
  const names = clusterGuarded && write ? [`fuzz-${operation.kind.toLowerCase()}`] : [TARGET, 'missing'];
  return fc.record({ namespace: segment(NAMESPACES), name: segment(names), query: queryString(operation), accept: fc.constantFrom(...acceptHeaders), patch: fc.constantFrom(...patchTypes), choice: fc.nat(9) }).chain(({ namespace, name, query, accept, patch, choice }) => {
    const params = new URLSearchParams(query);
    const streaming = params.has('watch') || params.has('follow') || operation.action.startsWith('watch');
    // A deletecollection of a guarded cluster kind only ever reaches the fuzzer's own objects.
    if (operation.action === 'deletecollection' && clusterGuarded) params.set('labelSelector', ['fuzz-target=1', params.get('labelSelector')].filter(Boolean).join(','));
    const path = fill(operation, namespace, name) + (params.size ? `?${params}` : '');
    const headers = accept ? { Accept: accept } : undefined;
    const base: Generated = { request: { method: operation.method, path, headers, streamMs: streaming ? 300 : undefined }, accept };
    const decoded = decodeURIComponent(name) === name && decodeURIComponent(namespace) === namespace;
    if (operation.method === 'POST' && !operation.named) {
      const fresh = `fuzz-${++created}`;
      const body: fc.Arbitrary<WireBody> = choice < 2 ? wire(fc.constant(sample(operation, namespace, fresh)), ['application/json']) : wire(objectBody(sample(operation, namespace, fresh)), ['application/json', 'application/yaml']);
      return body.map((b) => ({ ...base, request: { ...base.request, body: b.body, headers: { ...headers, 'Content-Type': b.contentType } }, guards: decoded ? { path: `${fill(operation, namespace, fresh)}/${fresh}`, created: true } : undefined }));
    }
    const guards = decoded && write ? { path: fill({ ...operation, template: operation.template.replace(/\/\{name\}\/.*$/, '/{name}') }, namespace, name) } : undefined;
    if (operation.method === 'PUT' || operation.method === 'POST') {
      return wire(objectBody(sample(operation, namespace, decodeURIComponent(name))), ['application/json']).map((b) => ({ ...base, guards, request: { ...base.request, body: b.body, headers: { ...headers, 'Content-Type': b.contentType } } }));
    }
    if (operation.method === 'PATCH') {
      const value = patch === 'application/json-patch+json' ? jsonPatch : objectBody(sample(operation, namespace, decodeURIComponent(name)));
      if (patch === 'application/apply-patch+yaml' && !params.has('fieldManager')) params.set('fieldManager', 'fuzz');
      const patched = fill(operation, namespace, name) + `?${params}`;
      return wire(value, [patch]).map((b) => ({ ...base, guards, request: { ...base.request, path: patched, body: b.body, headers: { ...headers, 'Content-Type': b.contentType } } }));
    }
    if (operation.method === 'DELETE' && choice < 3) {
      // Delete options in the body: a DeleteOptions with hostile preconditions, or anything at all.
      const options = { apiVersion: 'v1', kind: 'DeleteOptions', preconditions: { uid: 'x', resourceVersion: '1' }, propagationPolicy: 'Orphan' };
      return wire(objectBody(options), ['application/json']).map((b) => ({ ...base, guards, request: { ...base.request, body: b.body, headers: { ...headers, 'Content-Type': b.contentType } } }));
    }
    return fc.constant({ ...base, guards });
  });
}

describe('input fuzzing of every endpoint: never a 5xx, a hang, a half-written object or a crash', () => {
  const drydock = useRobustDrydock({ name: 'api-fuzz' });
  const findings: Finding[] = [];
  const tried = { rest: 0, graphql: 0, frames: 0, upgrades: 0 };
  let operations: Operation[] = [];

  beforeAll(async () => {
    process.stdout.write(`[fuzz] seed ${seed} (FUZZ_SEED=${seed} reproduces this run), ${runsPerOperation} runs per operation\n`);
    operations = await servedOperations(drydock());
    for (const namespace of NAMESPACES) await drydock().send({ method: 'POST', path: '/api/v1/namespaces', body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }) });
    // A `target` of every namespaced kind that a minimal or sample object creates, for get, update, patch and delete.
    for (const operation of operations.filter((o) => o.action === 'post' && !o.named && o.namespaced)) {
      for (const namespace of NAMESPACES) await drydock().send({ method: 'POST', path: fill(operation, namespace, TARGET), body: JSON.stringify(sample(operation, namespace, TARGET)) });
    }
  });

  afterAll(() => {
    process.stdout.write(`[fuzz] seed ${seed}: ${operations.length} REST operations, ${tried.rest} REST requests, ${tried.graphql} GraphQL requests, ${tried.frames} WebSocket frames, ${tried.upgrades} upgrade requests; ${findings.length} findings\n`);
    for (const finding of findings.slice(0, 60)) process.stdout.write(`[fuzz] ${finding.what}: ${finding.request} -> ${finding.answer}\n`);
  });

  describe('regressions the fuzzer found', () => {
    const configMaps = '/api/v1/namespaces/fuzz-a/configmaps';
    const configMap = (name: string, value: string) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: value } });

    it('a name or namespace with NUL is NotFound (no such key can be stored), not a PostgreSQL 500', async () => {
      for (const method of ['GET', 'DELETE']) {
        const answer = await drydock().send({ method, path: `${configMaps}/a%00b` });
        expect({ method, status: answer.status, reason: answer.json?.reason }).toEqual({ method, status: 404, reason: 'NotFound' });
      }
      expect((await drydock().send({ method: 'GET', path: '/api/v1/namespaces/%00/configmaps/x' })).status).toBe(404);
      const list = await drydock().send({ method: 'GET', path: '/api/v1/namespaces/%00/configmaps' });
      expect({ status: list.status, items: list.json?.items }).toEqual({ status: 200, items: [] });
    });

    it('an object holding U+0000 is refused with 400 alone, without failing the writes committed with it', async () => {
      const [nul, other] = await Promise.all([
        drydock().send({ method: 'POST', path: configMaps, body: configMap('holds-nul', 'x\u0000y') }),
        drydock().send({ method: 'POST', path: configMaps, body: configMap('beside-nul', 'fine') }),
      ]);
      expect(nul.json).toMatchObject({ kind: 'Status', code: 400, reason: 'BadRequest', message: 'the object contains the character U+0000, which PostgreSQL cannot store' });
      expect(other.status).toBe(201);
      // A literal backslash-u0000 text is no NUL and is stored as it is.
      const literal = await drydock().send({ method: 'POST', path: configMaps, body: configMap('literal-backslash', '\\u0000') });
      expect({ status: literal.status, value: literal.json?.data?.a }).toEqual({ status: 201, value: '\\u0000' });
    });

    it('a limit or resourceVersion past int64 / uint64 is 400 BadRequest, not a PostgreSQL 500 or a wait', async () => {
      const limit = await drydock().send({ method: 'GET', path: `${configMaps}?limit=9999999999999999999999999` });
      expect(limit.json).toMatchObject({ kind: 'Status', code: 400, reason: 'BadRequest', message: 'limit: Invalid value: "9999999999999999999999999"' });
      expect((await drydock().send({ method: 'GET', path: `${configMaps}?limit=9007199254740993` })).status).toBe(200);
      for (const watch of ['', '&watch=true']) {
        const rv = await drydock().send({ method: 'GET', path: `${configMaps}?resourceVersion=18446744073709551616${watch}` });
        expect(rv.json).toMatchObject({ kind: 'Status', code: 400, reason: 'BadRequest', message: 'invalid resource version: 18446744073709551616' });
      }
    });

    it('GraphQL arguments that cannot be a path segment (a lone surrogate, a slash, spaces) are answered by the API, not an internal error', async () => {
      const query = 'query($g: String!, $v: String!, $r: String!, $n: String!) { kindObject(group: $g, version: $v, resource: $r, name: $n) }';
      for (const variables of [{ g: 'apps', v: 'v1', r: 'deployments', n: '\ud800' }, { g: 'apps/v1', v: 'a b', r: 'x y', n: 'target' }]) {
        const answer = await drydock().send({ method: 'POST', path: '/graphql', body: JSON.stringify({ query, variables }) });
        expect(answer.status).toBeLessThan(500);
        expect(answer.text).not.toMatch(/INTERNAL_SERVER_ERROR|URI malformed|unescaped characters/);
      }
      // deleteObject maps apiVersion and kind to a resource through discovery: an apiVersion with newlines.
      const deletion = await drydock().send({ method: 'POST', path: '/graphql', body: JSON.stringify({ query: 'mutation($a: String!) { deleteObject(apiVersion: $a, kind: "ConfigMap", name: "x", namespace: "fuzz-a") { __typename } }', variables: { a: 'kind: ConfigMap\napiVersion: v1\n' } }) });
      expect(deletion.status).toBeLessThan(500);
      expect(deletion.text).not.toMatch(/INTERNAL_SERVER_ERROR|unescaped characters/);
    });
  });

  it('answers every operation of the OpenAPI documents with a Status, never a 5xx or a hang, and leaves refused writes unapplied', async () => {
    const start = findings.length;
    expect(operations.length).toBeGreaterThan(300);
    for (const [index, operation] of operations.entries()) {
      await fc.assert(
        fc.asyncProperty(requestFor(operation), async (generated) => {
          tried.rest++;
          await probe(generated);
          return true;
        }),
        { seed: seed + index, numRuns: runsPerOperation, endOnFailure: true },
      );
    }
    expect(drydock().crashed()).toBeUndefined();
    expect(findings.slice(start)).toEqual([]);
  }, 900_000);

  async function probe({ request, accept, guards }: Generated): Promise<void> {
    const label = `${request.method} ${request.path} ${request.headers?.['Content-Type'] ?? ''} ${typeof request.body === 'string' ? request.body.slice(0, 200) : ''}`;
    const before = guards && !guards.created ? await drydock().send({ method: 'GET', path: guards.path }) : undefined;
    let answer;
    try {
      answer = await drydock().send(request);
    } catch (error) {
      if ((error as { unsendable?: boolean }).unsendable) return;
      findings.push({ what: 'no answer', request: label, answer: (error as Error).message });
      return;
    }
    const violation = statusViolation(answer, accept);
    if (violation) findings.push({ what: violation, request: label, answer: describeAnswer(answer) });
    if (!guards || answer.status < 400) return;
    const after = await drydock().send({ method: 'GET', path: guards.path });
    if (guards.created && after.status !== 404) findings.push({ what: `a refused create (${answer.status}) left an object behind (${after.status})`, request: label, answer: describeAnswer(answer) });
    if (before?.status === 200 && after.json?.metadata?.resourceVersion !== before.json?.metadata?.resourceVersion) findings.push({ what: `a refused write (${answer.status}) changed the object`, request: label, answer: describeAnswer(answer) });
  }

  it('answers hostile selectors on every list with 200 or 400, never more', async () => {
    const start = findings.length;
    const lists = operations.filter((o) => o.action === 'list' && !o.namespaced);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...lists), labelSelector, async (operation, selector) => {
        tried.rest++;
        const answer = await drydock().send({ method: 'GET', path: `${operation.template}?labelSelector=${urlEncode(selector)}` });
        const violation = statusViolation(answer) ?? ([200, 400].includes(answer.status) ? undefined : `HTTP ${answer.status} for a selector`);
        if (violation) findings.push({ what: violation, request: `GET ${operation.template} labelSelector=${JSON.stringify(selector)}`, answer: describeAnswer(answer) });
        return true;
      }),
      { seed, numRuns: runsPerOperation * 100 },
    );
    expect(findings.slice(start)).toEqual([]);
  });

  it('answers every root field of the GraphQL schema, and raw hostile bodies, without an internal error', async () => {
    const start = findings.length;
    tried.graphql += await fuzzGraphql(drydock(), { seed, runsPerField: runsPerOperation, findings });
    expect(drydock().crashed()).toBeUndefined();
    expect(findings.slice(start)).toEqual([]);
  }, 600_000);

  it('survives hostile graphql-ws frames and WebSocket upgrades of every path', async () => {
    const start = findings.length;
    tried.frames += await fuzzGraphqlWebSocket(drydock(), { seed, runs: runsPerOperation * 25, findings });
    tried.upgrades += await fuzzUpgrades(drydock(), operations, { seed, runs: runsPerOperation * 50, findings });
    expect(drydock().crashed()).toBeUndefined();
    expect((await drydock().send({ method: 'GET', path: '/readyz' })).status).toBe(200);
    expect(findings.slice(start)).toEqual([]);
  }, 600_000);
});
