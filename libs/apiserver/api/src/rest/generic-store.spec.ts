import type { KubeObject } from '@drydock/util';
import { builtinResources, ResourceDefinition } from '@drydock/registry';
import { Admission } from '../pipeline/admission';
import { MemoryObjectStore } from '@drydock/testing';
import { GenericStore } from './generic-store';
import type { WriteParams } from './request-context';
import type { WatchSource } from '../watch/watch-source';

const params: WriteParams = { dryRun: false, fieldManager: 'test', fieldValidation: 'Strict' };
const configMaps = builtinResources().find((d) => d.resource === 'configmaps' && d.group === '')!;
const deployments = builtinResources().find((d) => d.resource === 'deployments')!;

function configMap(name: string, data: Record<string, string> = { a: '1' }): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data };
}

/** As the watch cache's objects: shared with every reader, so any write into them throws here. */
function freeze<T>(value: T): T {
  if (value && typeof value === 'object') Object.values(value).forEach(freeze);
  return Object.freeze(value);
}

function setup(): { store: MemoryObjectStore; generic: GenericStore; admission: Admission } {
  const store = new MemoryObjectStore();
  const admission = Admission.none;
  return { store, generic: new GenericStore(store, admission), admission };
}

async function create(generic: GenericStore, def: ResourceDefinition, object: KubeObject, options: Partial<WriteParams> = {}) {
  return (await generic.create(def, 'default', 'default', object, { ...params, ...options })).object;
}

describe('GenericStore', () => {
  it('sets uid, creationTimestamp, namespace and resourceVersion on create', async () => {
    const { generic } = setup();
    const created = await create(generic, configMaps, configMap('a'));
    expect(created.metadata).toMatchObject({ name: 'a', namespace: 'default', resourceVersion: '1' });
    expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('refuses a second object of the same name with AlreadyExists', async () => {
    const { generic } = setup();
    await create(generic, configMaps, configMap('a'));
    await expect(create(generic, configMaps, configMap('a'))).rejects.toMatchObject({ code: 409, reason: 'AlreadyExists', message: 'configmaps "a" already exists' });
  });

  it('generates a name from generateName', async () => {
    const { generic } = setup();
    const created = await create(generic, configMaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'web-' } });
    expect(created.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
  });

  it('does not persist a dry-run create', async () => {
    const { generic, store } = setup();
    await create(generic, configMaps, configMap('a'), { dryRun: true });
    expect(await store.get({ cluster: 'default', resource: 'configmaps', namespace: 'default', name: 'a' })).toBeNull();
  });

  it('answers a dry-run create of an existing name with AlreadyExists, as the real create', async () => {
    const { generic } = setup();
    await create(generic, configMaps, configMap('a'));
    await expect(create(generic, configMaps, configMap('a'), { dryRun: true })).rejects.toMatchObject({ code: 409, reason: 'AlreadyExists' });
  });

  it('answers a stale resourceVersion with 409 Conflict', async () => {
    const { generic } = setup();
    const created = await create(generic, configMaps, configMap('a'));
    await generic.update(configMaps, 'default', 'default', 'a', params, () => ({ ...created, data: { a: '2' } }));
    const stale = generic.update(configMaps, 'default', 'default', 'a', params, () => ({ ...created, data: { a: '3' } }));
    await expect(stale).rejects.toMatchObject({ code: 409, reason: 'Conflict' });
  });

  it('applies an update without resourceVersion unconditionally', async () => {
    const { generic } = setup();
    await create(generic, configMaps, configMap('a'));
    await generic.update(configMaps, 'default', 'default', 'a', params, () => configMap('a', { a: '2' }));
    const result = await generic.update(configMaps, 'default', 'default', 'a', params, () => configMap('a', { a: '3' }));
    expect(result.object.data).toEqual({ a: '3' });
  });

  it('does not write a no-op update (the resourceVersion stays)', async () => {
    const { generic, store } = setup();
    const created = await create(generic, configMaps, configMap('a'));
    const revision = await store.currentRevision();
    const result = await generic.update(configMaps, 'default', 'default', 'a', params, (current) => current!);
    expect(result.object.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
    expect(await store.currentRevision()).toBe(revision);
  });

  it('rejects an invalid Deployment with 422 and field causes', async () => {
    const { generic } = setup();
    const bad = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: -1, selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } };
    await expect(create(generic, deployments, bad)).rejects.toMatchObject({ code: 422, reason: 'Invalid', details: { kind: 'Deployment', group: 'apps', causes: [expect.objectContaining({ field: 'spec.replicas' })] } });
  });

  it('marks an object with finalizers for deletion and removes it once they are gone', async () => {
    const { generic, store } = setup();
    await create(generic, configMaps, { ...configMap('a'), metadata: { name: 'a', finalizers: ['example.com/hold'] } });
    const marked = await generic.delete(configMaps, 'default', 'default', 'a', { dryRun: false });
    expect(marked.deleted).toBe(false);
    expect(marked.object.metadata.deletionTimestamp).toBeDefined();
    await generic.update(configMaps, 'default', 'default', 'a', params, (current) => ({ ...current!, metadata: { ...current!.metadata, finalizers: [] } }));
    expect(await store.get({ cluster: 'default', resource: 'configmaps', namespace: 'default', name: 'a' })).toBeNull();
  });

  it('keeps a Foreground-deleted owner until the garbage collector removes the finalizer', async () => {
    const { generic } = setup();
    await create(generic, configMaps, configMap('owner'));
    const result = await generic.delete(configMaps, 'default', 'default', 'owner', { dryRun: false, propagationPolicy: 'Foreground' });
    expect(result.object.metadata.finalizers).toEqual(['foregroundDeletion']);
  });
});

describe('GenericStore deletion through updates (upstream ShouldDeleteDuringUpdate)', () => {
  const pods = builtinResources().find((d) => d.resource === 'pods' && d.group === '')!;
  const namespaces = builtinResources().find((d) => d.resource === 'namespaces' && d.group === '')!;
  const podKey = { cluster: 'default', resource: 'pods', namespace: 'default', name: 'p' };

  it('keeps a gracefully deleted pod through its status updates; the grace-0 delete removes it', async () => {
    const { generic, store } = setup();
    await create(generic, pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'nginx' }] } });
    const marked = await generic.delete(pods, 'default', 'default', 'p', { dryRun: false });
    expect(marked).toMatchObject({ deleted: false, object: { metadata: { deletionGracePeriodSeconds: 30 } } });
    await generic.update(pods, 'default', 'default', 'p', params, (current) => ({ ...current!, status: { phase: 'Running' } }), { subresource: 'status' });
    expect(await store.get(podKey)).not.toBeNull();
    expect((await generic.delete(pods, 'default', 'default', 'p', { dryRun: false, gracePeriodSeconds: 0 })).deleted).toBe(true);
    expect(await store.get(podKey)).toBeNull();
  });

  it('keeps a terminating namespace whose spec.finalizers remain when its last metadata finalizer goes', async () => {
    const { generic, store } = setup();
    await generic.create(namespaces, 'default', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team', finalizers: ['example.com/hold'] } }, params);
    await generic.delete(namespaces, 'default', '', 'team', { dryRun: false });
    await generic.update(namespaces, 'default', '', 'team', params, (current) => ({ ...current!, metadata: { ...current!.metadata, finalizers: [] } }));
    const kept = await store.get({ cluster: 'default', resource: 'namespaces', namespace: '', name: 'team' });
    expect(kept).toMatchObject({ spec: { finalizers: ['kubernetes'] }, status: { phase: 'Terminating' } });
  });
});

describe('GenericStore.watch', () => {
  it("hands the handler the watch cache, the resource's collection and the request's selectors and parameters", () => {
    const cache = {} as WatchSource;
    const { source, request } = new GenericStore(new MemoryObjectStore(), Admission.none, cache).watch(configMaps, 'default', 'team', new URLSearchParams('labelSelector=app%3Dweb&resourceVersion=5'));
    expect(source).toBe(cache);
    expect(request.collection).toEqual({ cluster: 'default', resource: 'configmaps', namespace: 'team' });
    expect(request.params).toMatchObject({ fromRevision: 5 });
    expect(request.selection.matches(configMap('a'))).toBe(false);
    expect(request.selection.matches({ ...configMap('b'), metadata: { name: 'b', labels: { app: 'web' } } })).toBe(true);
  });
});

describe('GenericStore writes starting from the watch cache (upstream cachedExistingObject)', () => {
  /** A watch cache that serves whatever copy the test left in it (a stale one, on purpose). */
  function withCache(): { store: MemoryObjectStore; generic: GenericStore; cache: Map<string, KubeObject>; reads: () => number } {
    const store = new MemoryObjectStore();
    let reads = 0;
    const get = store.get.bind(store);
    store.get = (key) => {
      reads++;
      return get(key);
    };
    const cache = new Map<string, KubeObject>();
    const source = { cached: (key: { name: string }) => cache.get(key.name) } as unknown as WatchSource;
    return { store, generic: new GenericStore(store, Admission.none, source), cache, reads: () => reads };
  }
  const key = { cluster: 'default', resource: 'configmaps', namespace: 'default', name: 'a' };
  function unpinned(object: KubeObject): KubeObject {
    const metadata = { ...object.metadata };
    delete metadata.resourceVersion;
    return { ...object, metadata };
  }

  it('updates from a current cached copy without reading the store', async () => {
    const { generic, cache, reads, store } = withCache();
    cache.set('a', await create(generic, configMaps, configMap('a')));
    const before = reads();
    const updated = (await generic.update(configMaps, 'default', 'default', 'a', params, (current) => ({ ...current!, data: { a: '2' } }))).object;
    expect(reads()).toBe(before);
    expect(updated).toMatchObject({ data: { a: '2' }, metadata: { resourceVersion: '2' } });
    expect(await store.get(key)).toMatchObject({ data: { a: '2' } });
  });

  it('retries on a fresh read when the cached copy is stale: the write is not lost and not a conflict', async () => {
    const { generic, cache, store } = withCache();
    const first = await create(generic, configMaps, configMap('a'));
    cache.set('a', first);
    await store.update(key, { ...first, data: { a: '1', b: '1' } });
    // As a patch without a resourceVersion: applied to whatever is current, unconditionally.
    const patch = (current: KubeObject | null) => ({ ...unpinned(current!), data: { ...(current!.data as object), c: '1' } });
    const updated = (await generic.update(configMaps, 'default', 'default', 'a', params, patch)).object;
    expect(updated).toMatchObject({ data: { a: '1', b: '1', c: '1' }, metadata: { resourceVersion: '3' } });
  });

  it('decides a no-op and a pinned resourceVersion on a fresh read, not on a stale copy', async () => {
    const { generic, cache, store } = withCache();
    const first = await create(generic, configMaps, configMap('a'));
    cache.set('a', first);
    await store.update(key, { ...first, data: { a: 'moved' } });
    // Writing back what the stale copy holds is a real change of the stored object.
    const reverted = (await generic.update(configMaps, 'default', 'default', 'a', params, (current) => ({ ...unpinned(current!), data: { a: '1' } }))).object;
    expect(reverted).toMatchObject({ data: { a: '1' }, metadata: { resourceVersion: '3' } });
    // A client that read the newest revision is not refused because the cache still holds an older one.
    cache.set('a', first);
    const pinned = (await generic.update(configMaps, 'default', 'default', 'a', params, (current) => ({ ...current!, metadata: { ...current!.metadata, resourceVersion: '3' }, data: { a: '4' } }))).object;
    expect(pinned).toMatchObject({ data: { a: '4' }, metadata: { resourceVersion: '4' } });
  });

  it('never changes the cache\'s object: updates, status writes and deletions of a pod and a Deployment from a frozen one', async () => {
    const { generic, cache, store } = withCache();
    const pods = builtinResources().find((d) => d.resource === 'pods' && d.group === '')!;
    const cacheCurrent = async (def: ResourceDefinition, name: string) => {
      const stored = await store.get({ cluster: 'default', resource: def.resource === 'deployments' ? 'deployments.apps' : def.resource, namespace: 'default', name });
      cache.set(name, freeze(stored!));
      return stored!;
    };
    await create(generic, pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'a' } }, spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'nginx' }] } });
    await cacheCurrent(pods, 'p');
    await generic.update(pods, 'default', 'default', 'p', params, (current) => ({ ...current!, metadata: { ...current!.metadata, labels: { app: 'b' } } }));
    await cacheCurrent(pods, 'p');
    const running = await generic.update(pods, 'default', 'default', 'p', params, (current) => ({ ...current!, status: { phase: 'Running' } }), { subresource: 'status' });
    expect(running.object).toMatchObject({ metadata: { labels: { app: 'b' } }, status: { phase: 'Running' } });
    await cacheCurrent(pods, 'p');
    const marked = await generic.delete(pods, 'default', 'default', 'p', { dryRun: false });
    expect(marked).toMatchObject({ deleted: false, object: { metadata: { deletionGracePeriodSeconds: 30 } } });
    await cacheCurrent(pods, 'p');
    expect((await generic.delete(pods, 'default', 'default', 'p', { dryRun: false })).deleted).toBe(false);
    await cacheCurrent(pods, 'p');
    await generic.update(pods, 'default', 'default', 'p', params, (current) => ({ ...current!, status: { phase: 'Succeeded' } }), { subresource: 'status' });
    await cacheCurrent(pods, 'p');
    expect((await generic.delete(pods, 'default', 'default', 'p', { dryRun: false, gracePeriodSeconds: 0 })).deleted).toBe(true);
    await create(generic, deployments, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } });
    await cacheCurrent(deployments, 'd');
    const scaled = await generic.update(deployments, 'default', 'default', 'd', params, (current) => ({ ...current!, spec: { ...(current!.spec as object), replicas: 3 } }));
    expect(scaled.object).toMatchObject({ metadata: { generation: 2 }, spec: { replicas: 3 } });
    await cacheCurrent(deployments, 'd');
    await generic.update(deployments, 'default', 'default', 'd', params, (current) => ({ ...current!, status: { replicas: 3 } }), { subresource: 'status' });
    await cacheCurrent(deployments, 'd');
    expect((await generic.delete(deployments, 'default', 'default', 'd', { dryRun: false, propagationPolicy: 'Foreground' })).object.metadata.finalizers).toEqual(['foregroundDeletion']);
  });

  it('hands a mutate that only reads the cache\'s own object, and writes a patch\'s own result without copying either', async () => {
    const { generic, cache, store } = withCache();
    const pods = builtinResources().find((d) => d.resource === 'pods' && d.group === '')!;
    await create(generic, pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'a' } }, spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'nginx' }] } });
    const cached = freeze((await store.get({ cluster: 'default', resource: 'pods', namespace: 'default', name: 'p' }))!);
    cache.set('p', cached);
    const given: KubeObject[] = [];
    // A status patch as the kubelet sends it: the patched object is the mutate's own, every stage writes into it.
    const running = await generic.update(pods, 'default', 'default', 'p', params, (current) => {
      given.push(current!);
      return { ...JSON.parse(JSON.stringify(current)), status: { phase: 'Running' } };
    }, { subresource: 'status', mutateReadsOnly: true, ownResult: true });
    expect(given[0]).toBe(cached);
    expect(running.object).toMatchObject({ metadata: { labels: { app: 'a' }, resourceVersion: '2' }, spec: { nodeName: 'n1' }, status: { phase: 'Running' } });
    expect(running.object.metadata.managedFields?.map((entry) => entry.subresource)).toEqual([undefined, 'status']);
    // Without the promise the mutate gets a copy it may write into.
    cache.set('p', freeze(running.object));
    await generic.update(pods, 'default', 'default', 'p', params, (current) => {
      given.push(current!);
      current!.metadata.labels = { app: 'b' };
      return current!;
    });
    expect(given[1]).not.toBe(running.object);
    expect(given[1]).toMatchObject({ metadata: { labels: { app: 'b' } } });
  });

  it('deletes with the stored object\'s preconditions when the cached copy is stale', async () => {
    const { generic, cache, store } = withCache();
    const first = await create(generic, configMaps, configMap('a'));
    cache.set('a', first);
    await store.delete(key);
    const replacement = await create(generic, configMaps, configMap('a'));
    await expect(generic.delete(configMaps, 'default', 'default', 'a', { dryRun: false, preconditions: { uid: first.metadata.uid } })).rejects.toMatchObject({ code: 409 });
    expect((await generic.delete(configMaps, 'default', 'default', 'a', { dryRun: false, preconditions: { uid: replacement.metadata.uid } })).deleted).toBe(true);
    expect(await store.get(key)).toBeNull();
  });
});
