import type { KubeObject } from '@drydock/util';

/**
 * Where an object lives. `resource` is the group-qualified plural (`deployments.apps`, `pods`),
 * `namespace` is '' for cluster-scoped objects. `cluster` is the logical cluster (`default` for now).
 */
export interface ObjectKey {
  cluster: string;
  resource: string;
  namespace: string;
  name: string;
}

/**
 * The `cluster` of a collection that spans every logical cluster (kcp's wildcard `/clusters/*`): the watch cache
 * answers lists and watches of it, each object and event still keyed by its own cluster. No object is stored
 * under it (a cluster name is a DNS label).
 */
export const ALL_CLUSTERS = '*';

/** A set of objects: one resource in one cluster (or ALL_CLUSTERS), optionally one namespace. */
export interface CollectionKey {
  cluster: string;
  resource: string;
  /** undefined = every namespace (and cluster-scoped objects) */
  namespace?: string;
}

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One committed change, in revision order. `object` carries metadata.resourceVersion = revision. */
export interface ChangeEvent {
  revision: number;
  type: ChangeType;
  key: ObjectKey;
  object: KubeObject;
  /** The object before this change (MODIFIED and DELETED), when the watch cache knows it. */
  previous?: KubeObject;
}

export interface ListOptions {
  limit?: number;
  /** Exclusive lower bound: `namespace/name` of the last item of the previous page. */
  after?: { namespace: string; name: string };
}

export interface ListResult {
  items: KubeObject[];
  /** The store revision the list was read at. */
  revision: number;
  /** Present when more items follow; pass back as `after`. */
  next?: { namespace: string; name: string };
}

export interface WriteOptions {
  /** Precondition: the stored object's resourceVersion must equal this, or the write is a Conflict. */
  expectedRevision?: number;
  /** Precondition on delete: the stored object's uid. */
  expectedUid?: string;
}

/**
 * The largest write a store accepts, in bytes of its request (the key and the object as JSON): etcd's
 * default `--max-request-bytes`, 1.5 MiB (etcd refuses a larger raft request with ErrRequestTooLarge). The
 * API server takes bodies up to twice that (3 MiB), as upstream, since a body may shrink when stored.
 */
export const maxWriteRequestBytes = 1_572_864;

/** etcd's ErrRequestTooLarge text, which upstream's API server passes to the client as it is. */
export const requestTooLargeMessage = 'etcdserver: request is too large';

/**
 * Errors a store reports; the registry turns them into Kubernetes Status errors with the
 * right resource names. They are never shown to a user as they are.
 */
export class StoreError extends Error {
  /**
   * Unstorable: the object holds what the backend cannot keep (PostgreSQL's jsonb: the character U+0000).
   * TooLarge: the write's request is over maxWriteRequestBytes; nothing was written.
   */
  constructor(readonly code: 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Compacted' | 'Unstorable' | 'TooLarge', message: string) {
    super(message);
    this.name = 'StoreError';
  }
}

/**
 * The object store contract (see DESIGN.md "Storage"). Every implementation passes the contract
 * suite in e2e/storage-contract. Writes return the stored object with metadata.resourceVersion set
 * to the cluster-wide revision of that write; revisions are gap-free and in commit order.
 */
export interface ObjectStore {
  /** Fails with AlreadyExists when the key is taken. Create and update fail with TooLarge past maxWriteRequestBytes. */
  create(key: ObjectKey, object: KubeObject): Promise<KubeObject>;
  /** Fails with NotFound, or Conflict when expectedRevision does not match. */
  update(key: ObjectKey, object: KubeObject, options?: WriteOptions): Promise<KubeObject>;
  /** Removes the object; returns its last state with the deletion's revision as resourceVersion. */
  delete(key: ObjectKey, options?: WriteOptions): Promise<KubeObject>;
  get(key: ObjectKey): Promise<KubeObject | null>;
  /** Ordered by namespace, then name. */
  list(collection: CollectionKey, options?: ListOptions): Promise<ListResult>;
  /** The latest committed revision. */
  currentRevision(): Promise<number>;
  /** Changes with revision > `after`, oldest first, at most `limit`. Fails with Compacted if `after` is older than the log. */
  changesSince(after: number, limit: number): Promise<ChangeEvent[]>;
  /** The oldest revision still answerable by changesSince (changes after it are all kept). */
  compactedRevision(): Promise<number>;
  /** Drops change-log rows older than `revision`. */
  compact(revision: number): Promise<void>;
  close(): Promise<void>;
}
