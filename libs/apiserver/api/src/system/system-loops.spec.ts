import pino from 'pino';
import { StatusError, type KubeObject } from '@drydock/util';
import type { ResourceDefinition } from '@drydock/registry';
import type { ObjectKey } from '@drydock/storage';
import { WatchedMemoryStore } from '@drydock/testing';
import { builtinResources } from '../builtin-resources';
import { ClusterRegistries } from '../clusters/cluster-registries';
import { Admission } from '../pipeline/admission';
import { GenericStore, objectKey } from '../rest/generic-store';
import type { Storage } from '../storage.adapter';
import { retryWithin, SystemLoops } from './system-loops';

describe('retryWithin (the default cluster\'s bootstrap at start-up)', () => {
  it('tries again after failures and reports each one', async () => {
    const failures: string[] = [];
    let calls = 0;
    await retryWithin(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('timeout exceeded when trying to connect');
      },
      5_000,
      (error, delayMs) => failures.push(`${(error as Error).message} (${delayMs} ms)`),
    );
    expect(calls).toBe(3);
    expect(failures).toEqual(['timeout exceeded when trying to connect (100 ms)', 'timeout exceeded when trying to connect (200 ms)']);
  });

  it('gives up with the last failure once its time is over', async () => {
    let calls = 0;
    const started = Date.now();
    await expect(
      retryWithin(
        async () => {
          calls += 1;
          throw new Error(`failure ${calls}`);
        },
        250,
        () => undefined,
      ),
    ).rejects.toThrow(/^failure [23]$/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('SystemLoops.bootstrapObjects over a database that already has them (an API server started again)', () => {
  /** The loops over a fake store: creates are recorded (and put in the watch cache when `cache` says so). */
  function loops(options: { fresh: boolean }) {
    const cache = new Map<string, KubeObject>();
    const keyOf = (key: ObjectKey) => `${key.cluster}/${key.resource}/${key.namespace}/${key.name}`;
    const created: string[] = [];
    const updated: string[] = [];
    const generic = {
      create: async (def: ResourceDefinition, cluster: string, namespace: string, object: KubeObject) => {
        const key = keyOf(objectKey(def, cluster, namespace, object.metadata.name!));
        created.push(key);
        if (cache.has(key)) throw StatusError.alreadyExists({ group: def.group, resource: def.resource }, object.metadata.name!);
        cache.set(key, structuredClone(object));
        return object;
      },
      get: async (def: ResourceDefinition, cluster: string, namespace: string, name: string) => cache.get(keyOf(objectKey(def, cluster, namespace, name))),
      update: async (def: ResourceDefinition, cluster: string, namespace: string, name: string, _params: unknown, change: (latest: KubeObject) => KubeObject) => {
        const key = keyOf(objectKey(def, cluster, namespace, name));
        updated.push(key);
        cache.set(key, change(cache.get(key)!));
      },
    } as unknown as GenericStore;
    const storage = { store: {}, watch: { cached: (key: ObjectKey) => cache.get(keyOf(key)), waitForLatest: async () => options.fresh } } as unknown as Storage;
    const system = new SystemLoops(storage, new ClusterRegistries(builtinResources()), generic, pino({ level: 'silent' }), 'ca');
    return { system, cache, created, updated };
  }

  it('writes nothing for the objects the watch cache holds, and adds only what a newer policy added to a role', async () => {
    const { system, cache, created, updated } = loops({ fresh: true });
    await system.bootstrapObjects();
    const all = created.length;
    expect(all).toBeGreaterThan(100);
    expect(new Set(created).size).toBe(all);
    // Started again: nothing to create. One ClusterRole lost a rule a newer policy has: only it is updated.
    created.length = 0;
    const view = [...cache.keys()].find((key) => key.endsWith('/clusterroles.rbac.authorization.k8s.io//system:discovery'))!;
    const role = cache.get(view)! as KubeObject & { rules: unknown[] };
    cache.set(view, { ...role, rules: role.rules.slice(1) } as KubeObject);
    await system.bootstrapObjects();
    expect(created).toEqual([]);
    expect(updated).toEqual([view]);
    expect((cache.get(view) as KubeObject & { rules: unknown[] }).rules).toHaveLength(role.rules.length);
  });

  it('creates as before (AlreadyExists answered) when the cache has not caught up with the store', async () => {
    const { system, created } = loops({ fresh: false });
    await system.bootstrapObjects();
    const all = created.length;
    created.length = 0;
    await system.bootstrapObjects();
    expect(created).toHaveLength(all);
  });
});

/** A store whose creates of ClusterRoles wait until `release()` (or fail, once `refuse` is set). */
class HeldStore extends WatchedMemoryStore {
  refuse = false;
  private held: (() => void)[] = [];
  override async create(key: ObjectKey, object: KubeObject): Promise<KubeObject> {
    if (key.resource === 'clusterroles.rbac.authorization.k8s.io') {
      if (this.refuse) throw new Error('the store is not answering');
      await new Promise<void>((resolve) => this.held.push(resolve));
    }
    return super.create(key, object);
  }
  release(): void {
    this.held.splice(0).forEach((resolve) => resolve());
  }
}

function loopsOver(store: HeldStore): SystemLoops {
  const registries = { defaultRegistry: { all: () => builtinResources() }, registry: () => ({ all: () => builtinResources() }), replaceSource: () => undefined } as unknown as ClusterRegistries;
  const storage = { store, watch: store.watch } as unknown as Storage;
  return new SystemLoops(storage, registries, new GenericStore(store, Admission.none), pino({ level: 'silent' }), '', 'lab');
}

describe('SystemLoops.start (a cluster\'s bootstrap)', () => {
  const catchAll = { cluster: 'lab', resource: 'prioritylevelconfigurations.flowcontrol.apiserver.k8s.io', namespace: '', name: 'catch-all' };

  it('makes the priority and fairness configuration while the bootstrap RBAC is still being written, not after it', async () => {
    const store = new HeldStore();
    const loops = loopsOver(store);
    let started = false;
    const starting = loops.start().then(() => (started = true));
    for (let i = 0; i < 100 && !store.latest(catchAll); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(store.latest(catchAll)).toBeDefined();
    expect(started).toBe(false);
    store.release();
    await starting;
    loops.stop();
  });

  it('follows nothing after a start that failed, so that it can be tried again', async () => {
    const store = new HeldStore();
    store.refuse = true;
    const loops = loopsOver(store);
    await expect(loops.start()).rejects.toThrow('the store is not answering');
    expect(store.latest(catchAll)).toBeDefined();
    expect(store.watchers).toBe(0);
    loops.stop();
  });
});
