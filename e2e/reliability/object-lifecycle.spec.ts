import { Body, HttpResult, KubeConnection } from './support/kube-http';
import { Violation } from './support/history';
import { ReliabilityCluster } from './support/reliability-cluster';
import { fullRun, formatTable, ScenarioRow } from './support/scenario';
import { EventRecorder, eventsOf, finalizerViolations, inParallel, retried } from './support/event-recorder';

/**
 * Issue #16 part 2, tests 8–11 of reliability-anchors.md on one Drydock (controller-manager, scheduler
 * and two simulated nodes; compaction every 200 ms): finalizers, garbage collection with owners and
 * dependents created and deleted concurrently, the teardown of a namespace of 500 objects while
 * clients still create in it, and a quota raced by parallel creates. Every change of the namespaces
 * involved is recorded from a watch, and the checks read that history as well as the final state.
 * npm test runs the short sizes; RELIABILITY_FULL=1 the larger ones.
 */
const size = fullRun ? { finalized: 100, owners: 60, quotaConfigMaps: 300 } : { finalized: 20, owners: 12, quotaConfigMaps: 0 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const jitter = (ms: number) => sleep(Math.random() * ms);
const HOLD = 'example.com/hold';

const configMap = (namespace: string, name: string, metadata: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, ...metadata }, data: { v: name } });
const configMaps = (namespace: string) => `/api/v1/namespaces/${namespace}/configmaps`;
const ownerRef = (owner: Body, blockOwnerDeletion?: boolean) => ({ apiVersion: 'v1', kind: 'ConfigMap', name: owner.metadata.name, uid: owner.metadata.uid, ...(blockOwnerDeletion === undefined ? {} : { blockOwnerDeletion }) });

describe('object lifecycle under concurrency: finalizers, garbage collection, namespace teardown, quota', () => {
  jest.setTimeout(fullRun ? 10 * 60_000 : 180_000);
  let cluster: ReliabilityCluster;
  /** Many connections (each KubeConnection holds two sockets), so that parallel requests are parallel. */
  let pool: KubeConnection[];
  let turn = 0;
  const rows: ScenarioRow[] = [];
  const startedAt = performance.now();
  const client = () => pool[turn++ % pool.length];
  const send = (method: string, path: string, body?: unknown, contentType?: string): Promise<HttpResult> => client().request(method, path, body, 30_000, contentType);

  const createNamespace = async (name: string) => expect((await retried(() => send('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }))).status).toBe(201);
  const revision = async (path: string): Promise<string> => (await send('GET', `${path}${path.includes('?') ? '&' : '?'}limit=1`)).body.metadata.resourceVersion;
  const record = async (path: string) => new EventRecorder(cluster.endpoint, path, await revision(path));
  const row = (scenario: string, operations: number, faults: number, eventsChecked: number, violations: Violation[]) => {
    rows.push({ scenario, operations, faults, eventsChecked, violations });
    return violations;
  };

  beforeAll(async () => {
    cluster = await ReliabilityCluster.start({ controlLoop: true });
    pool = Array.from({ length: 24 }, () => new KubeConnection(cluster.endpoint));
  }, 180_000);

  afterAll(async () => {
    process.stdout.write(`\nObject lifecycle (${fullRun ? 'full' : 'short'} run, ${Math.round((performance.now() - startedAt) / 1000)} s):\n${formatTable(rows)}\n\n`);
    pool?.forEach((connection) => connection.close());
    await cluster?.stop();
  }, 60_000);

  describe('finalizers', () => {
    const namespace = 'finalizers';
    let recorder: EventRecorder;
    beforeAll(async () => {
      await createNamespace(namespace);
      recorder = await record(configMaps(namespace));
    });
    afterAll(() => recorder?.stop());

    it('delete marks (deletionTimestamp, 200; 202 when orphanDependents=false asks for cascading), the mark never moves, and the object goes within 1 s of its last finalizer', async () => {
      const path = `${configMaps(namespace)}/held`;
      expect((await send('POST', configMaps(namespace), configMap(namespace, 'held', { finalizers: [HOLD] }))).status).toBe(201);
      const deleted = await send('DELETE', path);
      expect(deleted.status).toBe(200);
      const mark = deleted.body.metadata.deletionTimestamp;
      expect(mark).toEqual(expect.any(String));
      expect((await send('GET', path)).body.metadata).toMatchObject({ deletionTimestamp: mark, finalizers: [HOLD] });

      // As upstream's BeforeUpdate: an update can never remove or change a deletion timestamp (answered, ignored).
      for (const deletionTimestamp of [null, '2099-01-01T00:00:00Z', '2000-01-01T00:00:00Z']) {
        const patched = await send('PATCH', path, { metadata: { deletionTimestamp } }, 'application/merge-patch+json');
        expect({ status: patched.status, deletionTimestamp: patched.body.metadata?.deletionTimestamp }).toEqual({ status: 200, deletionTimestamp: mark });
      }
      const current = (await send('GET', path)).body;
      const put = await send('PUT', path, { ...current, metadata: { ...current.metadata, deletionTimestamp: undefined, deletionGracePeriodSeconds: undefined } });
      expect({ status: put.status, deletionTimestamp: put.body.metadata?.deletionTimestamp }).toEqual({ status: 200, deletionTimestamp: mark });
      await sleep(1100); // a later delete must not move the mark either
      for (const query of ['', '?gracePeriodSeconds=0', '?propagationPolicy=Foreground']) expect((await send('DELETE', `${path}${query}`)).body.metadata?.deletionTimestamp).toBe(mark);
      const added = await send('PATCH', path, { metadata: { finalizers: [HOLD, 'example.com/late'] } }, 'application/merge-patch+json');
      expect(added.status).toBe(422);
      expect(added.body.details.causes[0]).toMatchObject({ field: 'metadata.finalizers', reason: 'FieldValueForbidden' });

      const released = await send('PATCH', path, [{ op: 'remove', path: '/metadata/finalizers' }], 'application/json-patch+json');
      const releasedAt = performance.now();
      expect(released.status).toBe(200);
      await recorder.waitFor('the DELETED event of held', (events) => events.some((event) => event.key === `${namespace}/held` && event.type === 'DELETED'), 10_000);
      const deletedEvent = recorder.events.find((event) => event.key === `${namespace}/held` && event.type === 'DELETED')!;
      process.stdout.write(`[finalizers] DELETED ${Math.round(deletedEvent.at - releasedAt)} ms after the last finalizer was removed\n`);
      expect(deletedEvent.at - releasedAt).toBeLessThan(1000);
      expect((await send('GET', path)).status).toBe(404);
      expect(finalizerViolations(eventsOf(recorder.events, deletedEvent.uid))).toEqual([]);

      // orphanDependents=false (cascading, the deprecated spelling of Foreground): 202 Accepted while the object stays.
      expect((await send('POST', configMaps(namespace), configMap(namespace, 'cascade'))).status).toBe(201);
      const accepted = await send('DELETE', `${configMaps(namespace)}/cascade`, { apiVersion: 'v1', kind: 'DeleteOptions', orphanDependents: false });
      expect({ status: accepted.status, finalizers: accepted.body.metadata?.finalizers, message: accepted.body.message }).toEqual({ status: 202, finalizers: ['foregroundDeletion'], message: undefined });
      const both = await send('DELETE', `${configMaps(namespace)}/cascade`, { apiVersion: 'v1', kind: 'DeleteOptions', orphanDependents: false, propagationPolicy: 'Background' });
      expect(both.status).toBe(422);
    });

    it(`${size.finalized} objects with three finalizers each, deleted twice and released by three removers at once, while others try to move the mark: every invariant holds and every object goes`, async () => {
      const names = Array.from({ length: size.finalized }, (_, i) => `f-${i}`);
      const finalizers = ['example.com/a', 'example.com/b', 'example.com/c'];
      await inParallel(names, 16, async (name) => expect((await retried(() => send('POST', configMaps(namespace), configMap(namespace, name, { finalizers })))).status).toBe(201));
      let operations = names.length;
      const count = (result: HttpResult) => {
        operations++;
        return result;
      };
      const deleters = names.flatMap((name) => [0, 1].map(async () => {
        await jitter(300);
        // A retryable answer (ServerTimeout under load, a conflict) is retried, as clients do.
        const answer = count(await retried(() => send('DELETE', `${configMaps(namespace)}/${name}`)));
        if (![200, 404].includes(answer.status)) throw new Error(`delete ${name}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
      }));
      const meddlers = names.map(async (name) => {
        await jitter(400);
        count(await send('PATCH', `${configMaps(namespace)}/${name}`, { metadata: { deletionTimestamp: null } }, 'application/merge-patch+json'));
      });
      // Each remover takes its finalizer off every object: read, drop it, write under the revision read.
      const removers = finalizers.map(async (finalizer) => {
        for (const name of names) {
          await jitter(10);
          const answer = await retried(async () => {
            const current = count(await send('GET', `${configMaps(namespace)}/${name}`));
            if (current.status !== 200 || !current.body.metadata.finalizers?.includes(finalizer)) return current;
            const rest = current.body.metadata.finalizers.filter((f: string) => f !== finalizer);
            return count(await send('PUT', `${configMaps(namespace)}/${name}`, { ...current.body, metadata: { ...current.body.metadata, finalizers: rest } }));
          });
          if (![200, 404].includes(answer.status)) throw new Error(`remove ${finalizer} from ${name}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
        }
      });
      await Promise.all([...deleters, ...meddlers, ...removers]);
      await recorder.waitFor('every object deleted', (events) => names.every((name) => events.some((event) => event.key === `${namespace}/${name}` && event.type === 'DELETED')), 30_000).catch(() => undefined);
      const violations: Violation[] = [];
      let checked = 0;
      for (const name of names) {
        const events = recorder.events.filter((event) => event.key === `${namespace}/${name}`);
        checked += events.length;
        violations.push(...finalizerViolations(events));
        if (!events.some((event) => event.type === 'DELETED')) {
          // Gone by now (a slow machine) but not heard of: the watch has 10 s more to deliver its DELETED.
          const now = await send('GET', `${configMaps(namespace)}/${name}`);
          const heard = now.status === 404 && (await recorder.waitFor(`the DELETED event of ${name}`, (all) => all.some((event) => event.key === `${namespace}/${name}` && event.type === 'DELETED'), 10_000).then(() => true, () => false));
          if (now.status !== 404) violations.push({ check: 'goes once its finalizers are empty', detail: `${name} still there after 30 s: ${JSON.stringify(now.body).slice(0, 300)}` });
          else if (!heard) violations.push({ check: 'watch delivers the DELETED event', detail: `${name} is gone but its DELETED event never came` });
        }
      }
      if (recorder.broken()) violations.push({ check: 'recorded without gaps', detail: recorder.broken()! });
      expect(row('finalizers: delete ×2, 3 removers, meddlers', operations, 0, checked, violations)).toEqual([]);
    });
  });

  describe('garbage collection', () => {
    const namespace = 'gc';
    let recorder: EventRecorder;
    beforeAll(async () => {
      await createNamespace(namespace);
      await createNamespace('gc-other');
      recorder = await record(configMaps(namespace));
    });
    afterAll(() => recorder?.stop());

    const create = async (ns: string, name: string, metadata: Record<string, unknown> = {}) => send('POST', configMaps(ns), configMap(ns, name, metadata));
    const gone = (ns: string, name: string) => async () => (await send('GET', `${configMaps(ns)}/${name}`)).status === 404;
    const eventually = async (what: string, check: () => Promise<boolean>, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
        await sleep(100);
      }
    };

    it('treats an owner reference to another namespace as absent (the dependent goes), keeps a dependent with another live owner, and is not blocked by a cycle', async () => {
      const owner = (await create(namespace, 'far-owner')).body;
      expect((await create('gc-other', 'cross', { ownerReferences: [ownerRef(owner)] })).status).toBe(201);
      const second = (await create(namespace, 'second-owner')).body;
      expect((await create(namespace, 'two-owners', { ownerReferences: [ownerRef(owner), ownerRef(second)] })).status).toBe(201);
      await eventually('the cross-namespace dependent deleted', gone('gc-other', 'cross'));
      expect((await send('GET', `${configMaps(namespace)}/far-owner`)).status).toBe(200);

      expect((await send('DELETE', `${configMaps(namespace)}/far-owner`)).status).toBe(200);
      await eventually('two-owners keeps only its live owner', async () => {
        const refs = (await send('GET', `${configMaps(namespace)}/two-owners`)).body.metadata?.ownerReferences ?? [];
        return refs.length === 1 && refs[0].uid === second.metadata.uid;
      });

      // A owns B and B owns A, both blocking: a foreground delete of A must not wait for ever.
      const a = (await create(namespace, 'cycle-a')).body;
      const b = (await create(namespace, 'cycle-b', { ownerReferences: [ownerRef(a, true)] })).body;
      expect((await send('PATCH', `${configMaps(namespace)}/cycle-a`, { metadata: { ownerReferences: [ownerRef(b, true)] } }, 'application/merge-patch+json')).status).toBe(200);
      expect((await send('DELETE', `${configMaps(namespace)}/cycle-a?propagationPolicy=Foreground`)).status).toBe(200);
      await eventually('both of the cycle deleted', async () => (await gone(namespace, 'cycle-a')()) && (await gone(namespace, 'cycle-b')()));
    });

    it(`${size.owners} owners deleted (Background, Foreground, Orphan) while their dependents are still being created: no orphan left, foreground waits for blocking dependents, orphans keep living`, async () => {
      const policies = ['Background', 'Foreground', 'Orphan'] as const;
      let operations = 0;
      interface Dependent { name: string; blocksOwner: boolean; createdAt?: number; status: number }
      interface Owner { name: string; uid: string; policy: (typeof policies)[number]; deleteSentAt: number; dependents: Dependent[] }
      const owners: Owner[] = await inParallel(Array.from({ length: size.owners }, (_, i) => i), 8, async (i) => {
        const policy = policies[i % 3];
        const created = await create(namespace, `owner-${i}`);
        operations++;
        expect(created.status).toBe(201);
        const owner: Owner = { name: `owner-${i}`, uid: created.body.metadata.uid, policy, deleteSentAt: Infinity, dependents: [] };
        const dependents = Array.from({ length: 4 }, async (_, j) => {
          await jitter(40);
          const dependent: Dependent = { name: `dep-${i}-${j}`, blocksOwner: j % 2 === 0, status: 0 };
          owner.dependents.push(dependent);
          const answer = await create(namespace, dependent.name, { ownerReferences: [ownerRef(created.body, dependent.blocksOwner)] });
          operations++;
          dependent.status = answer.status;
          if (answer.status === 201) dependent.createdAt = performance.now();
        });
        const deletion = (async () => {
          await jitter(40);
          owner.deleteSentAt = performance.now();
          const answer = await send('DELETE', `${configMaps(namespace)}/${owner.name}?propagationPolicy=${policy}`);
          operations++;
          expect([200, 202]).toContain(answer.status);
        })();
        await Promise.all([...dependents, deletion]);
        return owner;
      });

      // Converged: every owner gone, every dependent of Background and Foreground owners gone, and no
      // object left naming an owner that does not exist.
      const listed = async () => (await send('GET', configMaps(namespace))).body.items as Body[];
      const dangling = (items: Body[]) => {
        const uids = new Set(items.map((item) => item.metadata.uid));
        return items.filter((item) => (item.metadata.ownerReferences ?? []).some((ref: Body) => !uids.has(ref.uid)) || item.metadata.deletionTimestamp);
      };
      const cascading = new Set(owners.filter((owner) => owner.policy !== 'Orphan').flatMap((owner) => [owner.name, ...owner.dependents.map((d) => d.name)]));
      const orphanOwners = new Set(owners.filter((owner) => owner.policy === 'Orphan').map((owner) => owner.name));
      let items: Body[] = [];
      const deadline = Date.now() + (fullRun ? 90_000 : 60_000);
      do {
        items = await listed();
        if (!items.some((item) => cascading.has(item.metadata.name) || orphanOwners.has(item.metadata.name)) && dangling(items).length === 0) break;
        await sleep(250);
      } while (Date.now() < deadline);

      const violations: Violation[] = [];
      const left = new Map(items.map((item) => [item.metadata.name, item]));
      for (const owner of owners) {
        if (left.has(owner.name)) violations.push({ check: 'owner goes', detail: `${owner.name} (${owner.policy}) still there: ${JSON.stringify(left.get(owner.name).metadata)}` });
        for (const dependent of owner.dependents.filter((d) => d.status === 201)) {
          const item = left.get(dependent.name);
          if (owner.policy !== 'Orphan' && item) violations.push({ check: `${owner.policy} deletes dependents`, detail: `${dependent.name} of ${owner.name} still there` });
          if (owner.policy === 'Orphan' && dependent.createdAt! < owner.deleteSentAt && !item) violations.push({ check: 'Orphan keeps dependents', detail: `${dependent.name}, created before ${owner.name}'s delete, is gone` });
        }
      }
      for (const item of dangling(items)) violations.push({ check: 'no orphan or stuck object left', detail: `${item.metadata.name}: ${JSON.stringify({ ownerReferences: item.metadata.ownerReferences, deletionTimestamp: item.metadata.deletionTimestamp, finalizers: item.metadata.finalizers })}` });

      // From the recorded history: a foreground owner leaves only after every blocking dependent that
      // existed when it was marked; finalizer invariants for every object.
      await sleep(500);
      for (const owner of owners.filter((o) => o.policy === 'Foreground')) {
        const ownerEvents = eventsOf(recorder.events, owner.uid);
        const marked = ownerEvents.find((event) => event.object.metadata.deletionTimestamp)?.rv;
        const removed = ownerEvents.find((event) => event.type === 'DELETED')?.rv;
        if (marked === undefined || removed === undefined) continue;
        // Only dependents with blockOwnerDeletion hold the owner (processDeletingDependentsItem waits for
        // blockingDependents alone). owner.dependents is in the order the jittered creates started, not
        // by j, so the flag is read from each dependent, never from its position in the array.
        for (const dependent of owner.dependents.filter((d) => d.blocksOwner)) {
          const events = recorder.events.filter((event) => event.key === `${namespace}/${dependent.name}`);
          const added = events.find((event) => event.type === 'ADDED')?.rv;
          const dependentRemoved = events.find((event) => event.type === 'DELETED')?.rv;
          if (added !== undefined && added < marked && (dependentRemoved === undefined || dependentRemoved > removed)) violations.push({ check: 'foreground waits for blocking dependents', detail: `${owner.name} removed at ${removed} before ${dependent.name} (added ${added}, removed ${dependentRemoved ?? 'never'})` });
        }
      }
      for (const uid of new Set(recorder.events.map((event) => event.uid))) violations.push(...finalizerViolations(eventsOf(recorder.events, uid)));
      if (recorder.broken()) violations.push({ check: 'recorded without gaps', detail: recorder.broken()! });
      expect(row('garbage collection: owners deleted mid-creation', operations, 0, recorder.events.length, violations)).toEqual([]);
    });
  });

  describe('namespace teardown', () => {
    const namespace = 'teardown';
    const kinds = [
      { path: (ns: string) => `/api/v1/namespaces/${ns}/configmaps`, count: 200, body: (ns: string, name: string) => configMap(ns, name) },
      { path: (ns: string) => `/api/v1/namespaces/${ns}/secrets`, count: 100, body: (ns: string, name: string) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: ns }, stringData: { k: name } }) },
      { path: (ns: string) => `/api/v1/namespaces/${ns}/services`, count: 50, body: (ns: string, name: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec: { ports: [{ port: 80 }], selector: { app: name } } }) },
      { path: (ns: string) => `/api/v1/namespaces/${ns}/serviceaccounts`, count: 50, body: (ns: string, name: string) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns } }) },
      { path: (ns: string) => `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/roles`, count: 50, body: (ns: string, name: string) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, namespace: ns }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] }) },
      // Pods no scheduler takes: they stay Pending, and an unscheduled pod is deleted without a grace period.
      { path: (ns: string) => `/api/v1/namespaces/${ns}/pods`, count: 50, body: (ns: string, name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns }, spec: { schedulerName: 'nobody', containers: [{ name: 'c', image: 'busybox:1.36' }] } }) },
    ];
    const upstreamConditions: Record<string, string[]> = {
      NamespaceDeletionDiscoveryFailure: ['ResourcesDiscovered', 'DiscoveryFailed'],
      NamespaceDeletionGroupVersionParsingFailure: ['ParsedGroupVersions', 'GroupVersionParsingFailed'],
      NamespaceDeletionContentFailure: ['ContentDeleted', 'ContentDeletionFailed'],
      NamespaceContentRemaining: ['ContentRemoved', 'SomeResourcesRemain'],
      NamespaceFinalizersRemaining: ['ContentHasNoFinalizers', 'SomeFinalizersRemain'],
    };

    it('deletes a namespace of 500 objects of six kinds within 60 s while clients keep creating in it: creates are refused once it terminates, nothing is left behind, its conditions are upstream\'s', async () => {
      await createNamespace(namespace);
      const namespaceEvents = await record(`/api/v1/namespaces?fieldSelector=metadata.name%3D${namespace}`);
      const objects = kinds.flatMap((kind, k) => Array.from({ length: kind.count }, (_, i) => ({ kind, name: `o-${k}-${i}` })));
      await inParallel(objects, 16, async ({ kind, name }) => {
        const answer = await retried(() => send('POST', kind.path(namespace), kind.body(namespace, name)));
        if (answer.status !== 201) throw new Error(`create ${name}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
      });
      let operations = objects.length;

      // Creators keep writing while the namespace goes: every answer must be a 201 (before the
      // deletion) or upstream's 403 (after), never a 500, and whatever got in must go too.
      let creating = true;
      const refused: string[] = [];
      const unexpected: string[] = [];
      const creators = Array.from({ length: 4 }, async (_, c) => {
        for (let i = 0; creating; i++) {
          const kind = kinds[(c + i) % kinds.length];
          const answer = await send('POST', kind.path(namespace), kind.body(namespace, `late-${c}-${i}`));
          operations++;
          if (answer.status === 403) refused.push(answer.body.message);
          else if (answer.status !== 201 && !(answer.status === 404 && answer.body?.details?.kind === 'namespaces')) // 404: already gone, as upstream
            unexpected.push(`${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
          await sleep(20);
        }
      });
      await sleep(300);
      const started = performance.now();
      expect((await send('DELETE', `/api/v1/namespaces/${namespace}`)).status).toBe(200);
      let goneAfterMs = Infinity;
      const deadline = Date.now() + 90_000;
      while (Date.now() < deadline) {
        if ((await send('GET', `/api/v1/namespaces/${namespace}`)).status === 404) {
          goneAfterMs = performance.now() - started;
          break;
        }
        await sleep(200);
      }
      creating = false;
      await Promise.all(creators);
      await sleep(500);
      await namespaceEvents.stop();

      const violations: Violation[] = [];
      process.stdout.write(`[teardown] ${objects.length} objects: namespace gone after ${Math.round(goneAfterMs)} ms; ${refused.length} creates refused while terminating\n`);
      if (goneAfterMs > 60_000) {
        const remaining = await Promise.all(kinds.map(async (kind) => `${kind.path(namespace)}: ${((await send('GET', kind.path(namespace))).body.items ?? []).length}`));
        violations.push({ check: 'gone within 60 s', detail: `${Math.round(goneAfterMs)} ms; ${JSON.stringify((await send('GET', `/api/v1/namespaces/${namespace}`)).body.status)}; ${remaining.join(', ')}` });
      }
      for (const answer of unexpected) violations.push({ check: 'creates answered 201 or 403', detail: answer });
      const upstreamRefusal = new RegExp(`^[\\w.]+ "late-\\d+-\\d+" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated$`);
      for (const message of refused.filter((m) => !upstreamRefusal.test(m) && !/namespaces "teardown" not found/.test(m))) violations.push({ check: "upstream's refusal", detail: message });
      if (refused.length === 0) violations.push({ check: 'creates refused while terminating', detail: 'no create was refused' });
      // Conditions as the namespace controller writes them: the five types, each True or False with its reason.
      const seen = namespaceEvents.events.flatMap((event) => (event.object.status?.conditions ?? []) as Body[]);
      for (const condition of seen) {
        if (!upstreamConditions[condition.type]?.includes(condition.reason) || !['True', 'False'].includes(condition.status)) violations.push({ check: "upstream's namespace conditions", detail: JSON.stringify(condition) });
      }
      if (!namespaceEvents.events.some((event) => event.type === 'DELETED')) violations.push({ check: 'namespace DELETED event', detail: 'none recorded' });
      // A namespace made again under the same name is empty: nothing of the old one survived.
      if (goneAfterMs < Infinity) await createNamespace(namespace);
      for (const kind of goneAfterMs < Infinity ? kinds : []) {
        const items = (await send('GET', kind.path(namespace))).body.items as Body[];
        for (const item of items.filter((i) => i.metadata.name.startsWith('o-') || i.metadata.name.startsWith('late-'))) violations.push({ check: 'nothing left behind', detail: `${kind.path(namespace)}/${item.metadata.name} survived the namespace` });
      }
      expect(row(`namespace teardown: ${objects.length} objects, 4 creators`, operations, 0, namespaceEvents.events.length, violations)).toEqual([]);
    }, fullRun ? 300_000 : 180_000);
  });

  describe('quota race', () => {
    const namespace = 'quota';
    const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace }, spec: { schedulerName: 'nobody', containers: [{ name: 'c', image: 'busybox:1.36' }] } });
    const used = async (name: string, resource: string) => (await send('GET', `/api/v1/namespaces/${namespace}/resourcequotas/${name}`)).body.status?.used?.[resource];
    const waitUsed = async (name: string, resource: string, value: string) => {
      const deadline = Date.now() + 30_000;
      while ((await used(name, resource)) !== value) {
        if (Date.now() > deadline) throw new Error(`quota ${name} never showed ${resource}=${value} (now ${await used(name, resource)})`);
        await sleep(100);
      }
    };

    it('quota pods: 10 with 9 used and 50 parallel creates: exactly one is admitted, 49 get upstream\'s 403, status.used ends exact', async () => {
      await createNamespace(namespace);
      expect((await send('POST', `/api/v1/namespaces/${namespace}/resourcequotas`, { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'pods' }, spec: { hard: { pods: '10' } } })).status).toBe(201);
      await waitUsed('pods', 'pods', '0');
      for (let i = 0; i < 9; i++) expect((await send('POST', `/api/v1/namespaces/${namespace}/pods`, pod(`base-${i}`))).status).toBe(201);
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => send('POST', `/api/v1/namespaces/${namespace}/pods`, pod(`race-${i}`))));
      const codes = answers.reduce<Record<number, number>>((counts, a) => ({ ...counts, [a.status]: (counts[a.status] ?? 0) + 1 }), {});
      const violations: Violation[] = [];
      if (codes[201] !== 1 || codes[403] !== 49) violations.push({ check: 'exactly one admitted', detail: JSON.stringify(codes) });
      for (const answer of answers.filter((a) => a.status === 403)) {
        if (!/^pods "race-\d+" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=10, limited: pods=10$/.test(answer.body.message)) violations.push({ check: "upstream's quota message", detail: answer.body.message });
      }
      await waitUsed('pods', 'pods', '10').catch((error: Error) => violations.push({ check: 'status.used exact', detail: error.message }));
      const listed = ((await send('GET', `/api/v1/namespaces/${namespace}/pods`)).body.items as Body[]).length;
      if (listed !== 10) violations.push({ check: 'never over quota', detail: `${listed} pods exist` });
      expect(row('quota race: pods 10, 9 used, 50 creates', 50 + 9, 0, 0, violations)).toEqual([]);
    });

    if (size.quotaConfigMaps > 0) {
      it(`count/configmaps: 100 raced by ${size.quotaConfigMaps} creates spread over two API servers: never more than 100`, async () => {
        const second = await cluster.startApiServer();
        const connections = [...pool, ...Array.from({ length: 12 }, () => new KubeConnection(second.endpoint))];
        try {
          expect((await send('POST', `/api/v1/namespaces/${namespace}/resourcequotas`, { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'configmaps' }, spec: { hard: { 'count/configmaps': '101' } } })).status).toBe(201);
          // kube-root-ca.crt is the one ConfigMap already there.
          await waitUsed('configmaps', 'count/configmaps', '1');
          const answers = await inParallel(Array.from({ length: size.quotaConfigMaps }, (_, i) => i), 48, async (i) => connections[i % connections.length].request('POST', configMaps(namespace), configMap(namespace, `q-${i}`), 30_000));
          const codes = answers.reduce<Record<number, number>>((counts, a) => ({ ...counts, [a.status]: (counts[a.status] ?? 0) + 1 }), {});
          const violations: Violation[] = [];
          const stored = ((await send('GET', configMaps(namespace))).body.items as Body[]).filter((item) => item.metadata.name.startsWith('q-')).length;
          // Never over `hard`; a create may also give up with a retryable 409 after too many conflicts.
          if (stored > 100 || stored !== (codes[201] ?? 0) || (codes[201] ?? 0) + (codes[409] ?? 0) < 100) violations.push({ check: 'exactly hard admitted', detail: `${JSON.stringify(codes)}; ${stored} stored` });
          for (const answer of answers.filter((a) => ![201, 403, 409].includes(a.status))) violations.push({ check: 'refusals are 403 (or a retryable 409)', detail: `${answer.status} ${answer.body?.message}` });
          await waitUsed('configmaps', 'count/configmaps', String(stored + 1)).catch((error: Error) => violations.push({ check: 'status.used exact', detail: error.message }));
          expect(row(`quota race: count/configmaps 100, ${size.quotaConfigMaps} creates, 2 API servers`, size.quotaConfigMaps, 0, 0, violations)).toEqual([]);
        } finally {
          connections.slice(pool.length).forEach((connection) => connection.close());
          await second.process.stop();
        }
      });
    }
  });
});
