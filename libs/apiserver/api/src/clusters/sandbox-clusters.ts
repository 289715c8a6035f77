import { isDeepStrictEqual } from 'node:util';
import type { Logger } from 'pino';
import { StatusError, type KubeObject } from '@drydock/util';
import type { ResourceDefinition } from '@drydock/registry';
import { clusterCleanupFinalizer, clusterLimits, clusterNodePools } from '@drydock/registry';
import type { RbacIndex } from '../pipeline/rbac/rbac-index';
import type { GenericStore } from '../rest/generic-store';
import type { WriteParams } from '../rest/request-context';
import type { Storage } from '../storage.adapter';
import { SystemLoops } from '../system/system-loops';
import { DEFAULT_CLUSTER } from './cluster-path';
import type { ClusterRegistries } from './cluster-registries';
import { ClusterSnapshots } from './cluster-snapshots';
import { clusterPhase, clusterStatus, ClusterObservation } from './cluster-status';
import { purgeClusterChanges, wipeCluster } from './cluster-wipe';
import { followCollection } from './collection-follower';
import { ownerAccessName, ownerAccessObjects, ownerBindings } from './owner-bindings';
import { mayEnterCluster } from './sandbox-access.authorizer';
import { asApiServer } from '../pipeline/rbac/request-user';

export const clustersResource = 'clusters.drydock.dev';
const teamsResource = 'teams.drydock.dev';
const systemWrite: WriteParams = { dryRun: false, fieldManager: 'kube-apiserver', fieldValidation: 'Ignore' };
/** How long status changes are gathered before one status write (a node pool turning Ready is one write). */
const statusDelayMs = 100;
/** How often every cluster's status is brought up to date beyond node and pod changes (its object count). */
const statusRefreshMs = 10_000;

export interface SandboxClustersDeps {
  storage: Storage;
  registries: ClusterRegistries;
  generic: GenericStore;
  rbacIndex: RbacIndex;
  logger: Logger;
  caCert: string;
  /** The API server's URL, e.g. https://127.0.0.1:6443; a cluster is served at <url>/clusters/<name>. */
  serverUrl: string;
}

/** One sandbox cluster this API server serves: its system loops and what its status counts. */
interface RunningCluster {
  object: KubeObject;
  /** Settles once the bootstrap objects and owner bindings exist. */
  bootstrapped?: Promise<void>;
  loops: SystemLoops;
  observation: ClusterObservation;
  subscriptions: { close(): void }[];
  statusTimer?: NodeJS.Timeout;
  /** When this API server began serving the cluster (Date.now()), for the log lines of its bootstrap and first Ready. */
  since: number;
  /** Whether its first Ready was logged. */
  readyLogged?: boolean;
  /** The phase of the last status write this server began (the watch cache may not have it yet). */
  phaseWritten?: string;
}

/**
 * The sandbox clusters (drydock.dev/v1 Cluster objects of the default cluster): each is bootstrapped as the
 * default cluster is (namespaces, bootstrap RBAC, the kubernetes Service), given its owner bindings (kept in
 * step with the owner Team), served while its object exists, and its status (phase, server, node and pod
 * counts) kept. Also answers whether a cluster exists for the router.
 */
export class SandboxClusters {
  private readonly running = new Map<string, RunningCluster>();
  private readonly subscriptions: { close(): void }[] = [];
  /** Clusters a lifecycle action (reset, delete) holds: their object's events do not restart them meanwhile. */
  private readonly busy = new Map<string, string>();
  readonly snapshots: ClusterSnapshots;
  private refresh?: NodeJS.Timeout;

  constructor(private readonly deps: SandboxClustersDeps) {
    const definition = this.definition('drydock.dev', 'clustersnapshots');
    this.snapshots = new ClusterSnapshots({ storage: deps.storage, generic: deps.generic, definition, logger: deps.logger, exists: (name) => this.exists(name) });
  }

  start(): void {
    const { watch } = this.deps.storage;
    this.snapshots.start();
    this.refresh = setInterval(() => [...this.running.keys()].forEach((name) => this.scheduleStatus(name)), statusRefreshMs).unref();
    this.subscriptions.push(followCollection(watch, { cluster: DEFAULT_CLUSTER, resource: clustersResource }, (cluster, deleted) => this.onCluster(cluster, deleted)));
    this.subscriptions.push(followCollection(watch, { cluster: DEFAULT_CLUSTER, resource: teamsResource }, (team) => this.onTeam(team)));
  }

  stop(): void {
    this.snapshots.stop();
    clearInterval(this.refresh);
    for (const subscription of this.subscriptions.splice(0)) subscription.close();
    for (const name of [...this.running.keys()]) this.teardown(name);
  }

  /**
   * Whether a cluster of that name is served: its Cluster object exists (from the watch cache, else PostgreSQL,
   * as the cache may trail a create) and is not being deleted.
   */
  async exists(name: string): Promise<boolean> {
    if (name === DEFAULT_CLUSTER) return true;
    const key = { cluster: DEFAULT_CLUSTER, resource: clustersResource, namespace: '', name };
    const object = this.deps.storage.watch.cached(key) ?? (await this.deps.storage.store.get(key));
    return Boolean(object && !object.metadata.deletionTimestamp);
  }

  /** The served sandbox clusters `user` may enter (a context each in their kubeconfig), sorted by name. */
  reachableBy(user: { name: string; groups: string[] }): string[] {
    return [...this.running.keys()].filter((name) => !this.busy.has(name) && mayEnterCluster(this.deps.rbacIndex, user, name)).sort();
  }

  /**
   * Back to a fresh cluster: every object removed, its watches ended with 410 (they relist), then bootstrapped
   * as a new one. Resolves once the fresh cluster's bootstrap objects and owner bindings exist.
   */
  async reset(name: string): Promise<void> {
    await this.rebuild(name, 'Resetting', () => wipeCluster(this.deps.storage, name));
  }

  /**
   * Back to the snapshot `snapshotName` of this cluster, as an etcd restore with bumped revisions: every object
   * replaced by the snapshot's in one transaction (uids kept, new resourceVersions), the cluster's watches ended
   * with 410, its loops and owner bindings started again. 422 for a snapshot that is not there or of another
   * cluster, 409 while it is not ready.
   */
  async restore(name: string, snapshotName: string): Promise<void> {
    this.assertIdle(name);
    const snapshot = this.snapshots.ready(snapshotName, { cluster: name, sameCluster: true, field: 'snapshot' });
    // The snapshot holds the cluster's bootstrap objects: it is whole once restored, while its loops start.
    await this.rebuild(name, 'Restoring', () => this.deps.storage.store.restoreCluster(name, snapshot.metadata.uid!), false);
  }

  private assertIdle(name: string): void {
    if (!this.running.has(name) || this.busy.has(name)) throw StatusError.conflict({ group: 'drydock.dev', resource: 'clusters' }, name, `the cluster is ${this.busy.get(name) ?? 'not served yet'}`);
  }

  /**
   * Stops the cluster, replaces its objects (`replace` returns the revision after), ends its watches, starts it
   * again; resolves once it is bootstrapped (its system objects made and owner bindings written), or at once
   * when not `awaitBootstrap`.
   */
  private async rebuild(name: string, phase: string, replace: () => Promise<number>, awaitBootstrap = true): Promise<void> {
    this.assertIdle(name);
    const object = this.running.get(name)!.object;
    this.busy.set(name, phase);
    try {
      await this.writeStatus(name, phase).catch(() => undefined);
      this.teardown(name);
      const revision = await replace();
      await this.deps.storage.watch.waitForRevision(revision, 30_000);
      this.deps.storage.watch.expireCluster(name, revision);
    } finally {
      this.busy.delete(name);
    }
    const current = this.deps.storage.watch.cached({ cluster: DEFAULT_CLUSTER, resource: clustersResource, namespace: '', name }) ?? object;
    // Called from the caller's request: the cluster's loops write as the API server, not as the caller.
    asApiServer(() => this.onCluster(current, false));
    if (awaitBootstrap) await this.running.get(name)?.bootstrapped;
  }

  /** A deleted Cluster: its objects and change rows removed, then its finalizer, so that the object goes. */
  private async finalize(cluster: KubeObject): Promise<void> {
    const name = cluster.metadata.name!;
    this.busy.set(name, 'Terminating');
    try {
      await this.writeStatus(name, 'Terminating').catch(() => undefined);
      this.teardown(name);
      const revision = await wipeCluster(this.deps.storage, name);
      this.deps.storage.watch.expireCluster(name, revision);
      await purgeClusterChanges(this.deps.storage, name, revision);
      const def = this.definition('drydock.dev', 'clusters');
      await this.deps.generic.update(def, DEFAULT_CLUSTER, '', name, systemWrite, (current) => ({
        ...current!,
        metadata: { ...current!.metadata, finalizers: (current!.metadata.finalizers ?? []).filter((f) => f !== clusterCleanupFinalizer) },
      }));
      // Once the Cluster is gone (a watcher of it, such as kubectl delete --wait, hears so first).
      await this.deleteOwnerAccess(name);
      this.deps.logger.info({ cluster: name }, 'cluster deleted');
    } catch (error) {
      this.deps.logger.warn({ err: error, cluster: name }, 'could not finish deleting the cluster; will retry on its next change');
    } finally {
      this.busy.delete(name);
    }
  }

  /** The owners' role and binding of the default cluster go with the cluster (their controller reference lets the garbage collector take them should this fail). */
  private async deleteOwnerAccess(name: string): Promise<void> {
    for (const resource of ['clusterrolebindings', 'clusterroles']) {
      await this.deps.generic.delete(this.definition('rbac.authorization.k8s.io', resource), DEFAULT_CLUSTER, '', ownerAccessName(name), { dryRun: false }).catch((error) => {
        if (!(error instanceof StatusError && error.code === 404)) throw error;
      });
    }
  }

  private definition(group: string, resource: string): ResourceDefinition {
    return this.deps.registries.defaultRegistry.lookup(group, 'v1', resource)!;
  }

  private onCluster(cluster: KubeObject, deleted: boolean): void {
    const name = cluster.metadata.name!;
    if (deleted) return this.teardown(name);
    if (this.busy.has(name)) return;
    if (cluster.metadata.deletionTimestamp) {
      if (cluster.metadata.finalizers?.includes(clusterCleanupFinalizer)) void this.finalize(cluster);
      return;
    }
    const running = this.running.get(name);
    if (running) {
      running.object = cluster;
      if (running.observation.bootstrapped) this.syncOwnerBindingsLater(name);
      this.scheduleStatus(name);
      return;
    }
    const { storage, registries, generic, logger, caCert } = this.deps;
    const loops = new SystemLoops(storage, registries, generic, logger.child({ cluster: name }), caCert, name);
    const observation: ClusterObservation = { bootstrapped: false, nodes: new Map(), pods: new Set() };
    const entry: RunningCluster = { object: cluster, loops, observation, subscriptions: [], since: Date.now() };
    this.running.set(name, entry);
    entry.bootstrapped = this.bootstrap(name, loops).catch((error) => logger.warn({ err: error, cluster: name }, 'could not bootstrap the cluster'));
  }

  private async bootstrap(name: string, loops: SystemLoops): Promise<void> {
    const started = Date.now();
    await this.cloneOnce(name);
    const cloned = Date.now();
    const ms = { clone: cloned - started, systemObjects: 0, ownerBindings: 0 };
    const timed = (step: Promise<boolean>, field: 'systemObjects' | 'ownerBindings') => step.finally(() => (ms[field] = Date.now() - cloned));
    // The owner bindings need none of the system objects (a binding may name a ClusterRole not made yet): both at
    // once. start() fails before it follows anything (its creates are idempotent), so it can be tried again.
    const [systemObjects, bound] = await Promise.all([
      timed(this.untilDone(name, loops, 'create its system objects', () => loops.start()), 'systemObjects'),
      timed(this.untilDone(name, loops, 'bind its owner', () => this.syncOwnerBindings(name)), 'ownerBindings'),
    ]);
    if (!systemObjects) return loops.stop();
    const running = this.running.get(name);
    if (!running || running.loops !== loops) return loops.stop();
    if (!bound) return;
    this.deps.logger.info({ cluster: name, ms }, `cluster bootstrapped in ${Date.now() - started} ms`);
    const { observation } = running;
    running.subscriptions.push(
      followCollection(this.deps.storage.watch, { cluster: name, resource: 'nodes' }, (node, deleted) => {
        if (deleted) observation.nodes.delete(node.metadata.name!);
        else observation.nodes.set(node.metadata.name!, isReady(node));
        this.scheduleStatus(name);
      }),
      followCollection(this.deps.storage.watch, { cluster: name, resource: 'pods' }, (pod, deleted) => {
        const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
        if (deleted) observation.pods.delete(key);
        else observation.pods.add(key);
        this.scheduleStatus(name);
      }),
    );
    observation.bootstrapped = true;
    this.scheduleStatus(name);
  }

  /**
   * Runs a bootstrap step until it succeeds (1 s, doubling to 10 s, between tries, each failure logged), as
   * long as these loops are still the cluster's: one failure (a busy server at start) must not leave the
   * cluster unbootstrapped for good. False when the cluster went away or was restarted meanwhile.
   */
  private async untilDone(name: string, loops: SystemLoops, what: string, step: () => Promise<void>): Promise<boolean> {
    for (let delayMs = 1000; ; delayMs = Math.min(delayMs * 2, 10_000)) {
      if (this.running.get(name)?.loops !== loops) return false;
      try {
        await step();
        return true;
      } catch (error) {
        this.deps.logger.warn({ err: error, cluster: name }, `could not ${what}; trying again in ${delayMs / 1000} s`);
      }
      await new Promise((resolve) => setTimeout(resolve, delayMs).unref());
    }
  }

  /**
   * A clone (`spec.source.snapshot`) starts with its snapshot's objects, once: before its first bootstrap (its
   * status has no `Cloned` condition yet). A snapshot still being taken is waited for; one that is missing or
   * failed leaves the cluster fresh, with `Cloned` False saying why.
   */
  private async cloneOnce(name: string): Promise<void> {
    const running = this.running.get(name);
    const source = (running?.object.spec as { source?: { snapshot?: string } } | undefined)?.source?.snapshot;
    const conditions = (running?.object.status as { conditions?: { type: string }[] } | undefined)?.conditions ?? [];
    if (!running || !source || conditions.some((condition) => condition.type === 'Cloned')) return;
    let snapshot: KubeObject | undefined;
    for (let attempt = 0; !snapshot; attempt++) {
      try {
        snapshot = this.snapshots.ready(source, { cluster: name, sameCluster: false, field: 'spec.source.snapshot' });
      } catch (error) {
        if (!(error instanceof StatusError) || error.code !== 409 || attempt >= 100) {
          running.observation.cloned = { ok: false, message: `snapshot "${source}": ${error instanceof StatusError ? (error.details?.causes?.[0]?.message ?? error.message) : String(error)}` };
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    const revision = await this.deps.storage.store.restoreCluster(name, snapshot.metadata.uid!);
    await this.deps.storage.watch.waitForRevision(revision, 30_000);
    running.observation.cloned = { ok: true, message: `cloned from snapshot "${source}" of cluster "${(snapshot.spec as { cluster?: string }).cluster}" at revision ${(snapshot.status as { revision?: number }).revision}` };
  }

  private teardown(name: string): void {
    const running = this.running.get(name);
    if (!running) return;
    this.running.delete(name);
    clearTimeout(running.statusTimer);
    running.loops.stop();
    running.subscriptions.splice(0).forEach((subscription) => subscription.close());
    this.deps.registries.forget(name);
    this.deps.rbacIndex.forget(name);
  }

  private onTeam(team: KubeObject): void {
    for (const [name, running] of this.running) {
      const owner = (running.object.spec as { owner?: { team?: string } } | undefined)?.owner;
      if (owner?.team === team.metadata.name && running.observation.bootstrapped) this.syncOwnerBindingsLater(name);
    }
  }

  /**
   * syncOwnerBindings from a watch event: a failure (PostgreSQL not answering in time) is logged, not thrown, and the
   * next change of the Cluster or Team writes them again (an unhandled rejection would end the API server).
   */
  private syncOwnerBindingsLater(name: string): void {
    this.syncOwnerBindings(name).catch((error: unknown) => this.deps.logger.warn({ err: error, cluster: name }, 'could not write the owner bindings; the next change of the cluster or its team tries again'));
  }

  /** Creates or corrects the owner bindings of a cluster (a binding already as desired is not written). */
  private async syncOwnerBindings(name: string): Promise<void> {
    const running = this.running.get(name);
    if (!running) return;
    const ownerTeam = (running.object.spec as { owner?: { team?: string } } | undefined)?.owner?.team;
    const team = ownerTeam ? this.deps.storage.watch.cached({ cluster: DEFAULT_CLUSTER, resource: teamsResource, namespace: '', name: ownerTeam }) : undefined;
    // The admins' rights on the Cluster itself (snapshot, restore, reset, clone) live in the default cluster. All at once.
    const access = running.object.metadata.uid ? ownerAccessObjects(running.object, team) : [];
    await Promise.all([...ownerBindings(running.object, team).map((desired) => this.writeOwnerObject(name, desired)), ...access.map((desired) => this.writeOwnerObject(DEFAULT_CLUSTER, desired))]);
  }

  /** Creates an owner ClusterRole or ClusterRoleBinding in `cluster`, or corrects its rules or subjects; one already as desired is not written. */
  private async writeOwnerObject(cluster: string, desired: KubeObject): Promise<void> {
    const resource = desired.kind === 'ClusterRole' ? 'clusterroles' : 'clusterrolebindings';
    const def = this.definition('rbac.authorization.k8s.io', resource);
    const name = desired.metadata.name!;
    const current = await this.deps.storage.store.get({ cluster, resource: `${resource}.rbac.authorization.k8s.io`, namespace: '', name });
    const fields = ['rules', 'subjects', 'roleRef'] as const;
    if (current && fields.every((field) => isDeepStrictEqual(current[field], desired[field]))) return;
    const merge = (existing: KubeObject | null | undefined) => (existing ? { ...existing, ...Object.fromEntries(fields.filter((field) => field in desired && field !== 'roleRef').map((field) => [field, desired[field]])) } : desired);
    await this.deps.generic
      .update(def, cluster, '', name, systemWrite, merge, { createIfMissing: true })
      .catch((error) => this.deps.logger.warn({ err: error, cluster }, `could not write the owner ${desired.kind} ${name}`));
  }

  /**
   * Writes the cluster's status soon: at once when its phase changes (Bootstrapped, Ready: what a client creating a
   * cluster waits for), else after statusDelayMs, gathering the changes that come meanwhile into one write.
   */
  private scheduleStatus(name: string): void {
    const running = this.running.get(name);
    if (!running || this.busy.has(name)) return;
    const delayMs = this.phaseChanges(name, running) ? 0 : statusDelayMs;
    if (running.statusTimer) {
      if (delayMs > 0) return;
      clearTimeout(running.statusTimer);
    }
    running.statusTimer = setTimeout(() => {
      running.statusTimer = undefined;
      void this.writeStatus(name).catch((error) => this.deps.logger.debug({ err: error, cluster: name }, 'could not write the cluster status'));
    }, delayMs);
  }

  /** Whether what was observed gives the cluster another phase than its status (as the watch cache has it) says. */
  private phaseChanges(name: string, running: RunningCluster): boolean {
    const cached = this.deps.storage.watch.cached({ cluster: DEFAULT_CLUSTER, resource: clustersResource, namespace: '', name });
    const phase = clusterPhase(running.observation, desiredNodeCount(running.object));
    return phase !== (cached?.status as { phase?: string } | undefined)?.phase && phase !== running.phaseWritten;
  }

  private async writeStatus(name: string, busy?: string): Promise<void> {
    const running = this.running.get(name);
    if (!running) return;
    const desiredNodes = desiredNodeCount(running.object);
    const server = `${this.deps.serverUrl}/clusters/${name}`;
    const def = this.definition('drydock.dev', 'clusters');
    const cached = this.deps.storage.watch.cached({ cluster: DEFAULT_CLUSTER, resource: clustersResource, namespace: '', name });
    const counts = { objects: this.deps.storage.watch.count(name), limits: clusterLimits(running.object.spec) };
    const context = { desiredNodes, server, generation: cached?.metadata.generation, now: new Date(), busy, ...counts };
    if (cached && isDeepStrictEqual(clusterStatus(cached.status, running.observation, context), cached.status)) return;
    let phase: unknown;
    await this.deps.generic.update(def, DEFAULT_CLUSTER, '', name, systemWrite, (current) => {
      const status = clusterStatus(current!.status, running.observation, { ...context, generation: current!.metadata.generation });
      phase = status.phase;
      running.phaseWritten = String(phase);
      return { ...current!, status };
    }, { subresource: 'status' });
    if (phase === 'Ready' && !running.readyLogged) {
      running.readyLogged = true;
      this.deps.logger.info({ cluster: name }, `cluster Ready ${Date.now() - running.since} ms after this API server began serving it`);
    }
  }
}

function desiredNodeCount(cluster: KubeObject): number {
  return clusterNodePools(cluster.spec).reduce((sum, pool) => sum + pool.count, 0);
}

function isReady(node: KubeObject): boolean {
  const conditions = (node.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
  return conditions.some((condition) => condition.type === 'Ready' && condition.status === 'True');
}
