import type { Logger } from 'pino';
import { fieldErrors, StatusError, type KubeObject } from '@drydock/util';
import { snapshotCluster, type ResourceDefinition } from '@drydock/registry';
import type { GenericStore } from '../rest/generic-store';
import type { WriteParams } from '../rest/request-context';
import type { Storage } from '../storage.adapter';
import { DEFAULT_CLUSTER } from './cluster-path';
import { followCollection } from './collection-follower';

export const clusterSnapshotsResource = 'clustersnapshots.drydock.dev';
const systemWrite: WriteParams = { dryRun: false, fieldManager: 'kube-apiserver', fieldValidation: 'Ignore' };
const snapshotGroupResource = { group: 'drydock.dev', resource: 'clustersnapshots' };

export interface ClusterSnapshotsDeps {
  storage: Storage;
  generic: GenericStore;
  /** The definition of drydock.dev/v1 clustersnapshots (in the default cluster's registry). */
  definition: ResourceDefinition;
  logger: Logger;
  /** Whether the cluster is served (a snapshot of a cluster being deleted or not there fails). */
  exists(cluster: string): Promise<boolean>;
}

/**
 * The ClusterSnapshots (drydock.dev/v1, in the default cluster): a new one is taken at once (every object of
 * its cluster copied at one revision into `cluster_snapshot_objects`, one statement) and its status says so;
 * a deleted one's copy is dropped, and at start the copies of snapshots deleted meanwhile. Restore and clone
 * (sandbox-clusters.ts) ask here for a snapshot that is ready.
 */
export class ClusterSnapshots {
  private subscription?: { close(): void };
  /** Snapshots being taken by this API server, by uid. */
  private readonly taking = new Set<string>();

  constructor(private readonly deps: ClusterSnapshotsDeps) {}

  start(): void {
    const { watch, store } = this.deps.storage;
    const collection = { cluster: DEFAULT_CLUSTER, resource: clusterSnapshotsResource };
    void store.dropOrphanSnapshots(clusterSnapshotsResource).catch((error) => this.deps.logger.warn({ err: error }, 'could not drop the copies of deleted cluster snapshots'));
    this.subscription = followCollection(watch, collection, (snapshot, deleted) => this.onSnapshot(snapshot, deleted));
  }

  stop(): void {
    this.subscription?.close();
  }

  /**
   * The snapshot `name` for restoring or cloning into `cluster`: 422 when there is none or it is of another
   * cluster (`sameCluster`), 409 while it is not ready to use.
   */
  ready(name: string, options: { cluster: string; sameCluster: boolean; field: string }): KubeObject {
    const snapshot = this.deps.storage.watch.cached({ cluster: DEFAULT_CLUSTER, resource: clusterSnapshotsResource, namespace: '', name });
    const invalid = (detail: string) => StatusError.invalid('drydock.dev', 'Cluster', options.cluster, [fieldErrors.invalid(options.field, name, detail)]);
    if (!name) throw StatusError.invalid('drydock.dev', 'Cluster', options.cluster, [fieldErrors.required(options.field)]);
    if (!snapshot || snapshot.metadata.deletionTimestamp) throw StatusError.invalid('drydock.dev', 'Cluster', options.cluster, [fieldErrors.notFound(options.field, name)]);
    if (options.sameCluster && snapshotCluster(snapshot) !== options.cluster) {
      throw invalid(`is a snapshot of cluster "${snapshotCluster(snapshot)}"; restore it there, or clone it into a new cluster`);
    }
    const status = (snapshot.status ?? {}) as { readyToUse?: boolean; error?: { message?: string } };
    if (status.error?.message) throw invalid(`could not be taken: ${status.error.message}`);
    if (status.readyToUse !== true) throw StatusError.conflict(snapshotGroupResource, name, 'the snapshot is not ready to use yet');
    return snapshot;
  }

  private onSnapshot(snapshot: KubeObject, deleted: boolean): void {
    const uid = snapshot.metadata.uid!;
    if (deleted) {
      void this.deps.storage.store.dropSnapshot(uid).catch((error) => this.deps.logger.warn({ err: error, snapshot: snapshot.metadata.name }, 'could not drop a cluster snapshot'));
      return;
    }
    const status = (snapshot.status ?? {}) as { readyToUse?: boolean; error?: unknown };
    if (status.readyToUse || status.error || this.taking.has(uid)) return;
    this.taking.add(uid);
    void this.take(snapshot)
      .catch((error) => this.deps.logger.warn({ err: error, snapshot: snapshot.metadata.name }, 'could not take a cluster snapshot'))
      .finally(() => this.taking.delete(uid));
  }

  /** Copies the cluster's objects and reports it; a snapshot deleted meanwhile has its copy dropped again. */
  private async take(snapshot: KubeObject): Promise<void> {
    const { storage, generic, definition } = this.deps;
    const name = snapshot.metadata.name!;
    const uid = snapshot.metadata.uid!;
    const cluster = snapshotCluster(snapshot);
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    let status: Record<string, unknown>;
    if (await this.deps.exists(cluster)) {
      const taken = await storage.store.snapshotCluster(cluster, uid);
      status = { readyToUse: true, revision: taken.revision, objects: taken.objects, creationTime: now };
    } else {
      status = { readyToUse: false, error: { message: `cluster "${cluster}" not found`, time: now } };
    }
    const replaced = new StatusError(404, 'NotFound', 'the snapshot was replaced');
    try {
      await generic.update(definition, DEFAULT_CLUSTER, '', name, systemWrite, (current) => {
        if (!current || current.metadata.uid !== uid) throw replaced;
        const previous = (current.status ?? {}) as { readyToUse?: boolean };
        return previous.readyToUse ? current : { ...current, status };
      }, { subresource: 'status' });
    } catch (error) {
      // Deleted (or deleted and made again) while it was being taken: its copy would have no owner.
      if (error instanceof StatusError && error.code === 404) await storage.store.dropSnapshot(uid);
      throw error;
    }
    this.deps.logger.info({ snapshot: name, cluster, objects: status.objects, revision: status.revision }, 'cluster snapshot taken');
  }
}
