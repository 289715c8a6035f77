import DataLoader from 'dataloader';
import { isForbidden, ResourceRef, resources } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import type { CallerKube } from '../kube/caller-kube';
import { resourceForKind, WorkloadKindName, workloadResources } from '../kube/kube-kinds';
import { controllerOf, ObjectRefView, refOf } from '../presenters/kube-fields';

interface ListKey {
  ref: ResourceRef;
  /** '' = all namespaces (or a cluster-scoped resource). */
  namespace: string;
}

const refId = (ref: ResourceRef) => `${ref.group}/${ref.version}/${ref.resource}`;
const MAX_OWNER_DEPTH = 10;

/**
 * One per GraphQL request: every list the request needs is fetched once (as the caller, through the
 * REST API) and shared by every nested field. Keys asked for in the same tick are batched: when the
 * all-namespaces list of a resource is wanted, per-namespace lists of it are cut from that one list.
 * So `nodes { pods { … } }` is one node list and one pod list, however many nodes there are.
 */
export class ClusterLoader {
  private readonly lists: DataLoader<ListKey, KubeObject[], string>;
  private readonly memo = new Map<string, Promise<unknown>>();
  /** All-namespace lists already asked for: a namespace's list is cut from them instead of fetched. */
  private readonly wholes = new Map<string, Promise<KubeObject[]>>();
  private clusterWide = false;
  private loadedAt = Date.now();

  /**
   * `maxAgeMs`: how long loaded lists may be reused. A query's loader lives for one request; a
   * subscription's lives as long as the subscription, so its lists are dropped after a short while
   * and each batch's nested fields read current objects.
   */
  constructor(
    private readonly kube: CallerKube,
    private readonly maxAgeMs = Infinity,
    /** The namespaces the caller can reach: an all-namespaces list RBAC refuses becomes their lists, merged. */
    private readonly reachableNamespaces?: () => Promise<string[]>,
  ) {
    this.lists = new DataLoader((keys) => this.fetchLists(keys), { cacheKeyFn: (key) => `${refId(key.ref)}|${key.namespace}` });
  }

  list(ref: ResourceRef, namespace?: string): Promise<KubeObject[]> {
    this.expire();
    const ns = ref.namespaced && !this.clusterWide ? namespace ?? '' : '';
    const whole = this.wholes.get(refId(ref));
    if (whole && ns !== '') return whole.then((items) => items.filter((item) => item.metadata.namespace === ns));
    const loaded = this.lists.load({ ref, namespace: ns });
    if (ns === '' && !whole) this.wholes.set(refId(ref), loaded);
    return ref.namespaced && namespace && ns === '' ? loaded.then((items) => items.filter((item) => item.metadata.namespace === namespace)) : loaded;
  }

  /**
   * Called by resolvers of cluster-wide queries: nested lookups then cut their namespace from one
   * all-namespaces list per resource, instead of one list per namespace.
   */
  widen(): void {
    this.clusterWide = true;
  }

  /** Seeds the cache with objects a resolver already has (e.g. a mutation's answer is not refetched). */
  prime(ref: ResourceRef, namespace: string | undefined, items: KubeObject[]): void {
    this.lists.prime({ ref, namespace: namespace ?? '' }, items);
  }

  podsByNode(): Promise<Map<string, KubeObject[]>> {
    return this.remember('podsByNode', async () => groupBy(await this.list(resources.pods), (pod) => (pod.spec as { nodeName?: string } | undefined)?.nodeName));
  }

  /** One node's pods: cut from the one pod list of a cluster-wide query, or a field-selected list for a single node. */
  async podsOnNode(name: string): Promise<KubeObject[]> {
    if (this.clusterWide) return (await this.podsByNode()).get(name) ?? [];
    return this.remember(`podsOn|${name}`, async () => (await this.kube.list(resources.pods, { fieldSelector: `spec.nodeName=${name}` })).items);
  }

  podCountsByNamespace(): Promise<Map<string, number>> {
    return this.remember('podsByNamespace', async () => {
      const counts = new Map<string, number>();
      for (const pod of await this.list(resources.pods)) counts.set(pod.metadata.namespace ?? '', (counts.get(pod.metadata.namespace ?? '') ?? 0) + 1);
      return counts;
    });
  }

  /** Events about the objects with these uids (in one namespace, or across the cluster for cluster-scoped objects). */
  async eventsFor(uids: Set<string>, namespace?: string): Promise<KubeObject[]> {
    const index = await this.remember(`events|${namespace ?? ''}`, async () => groupBy(await this.list(resources.events, namespace), (event) => involvedUid(event)));
    return [...uids].flatMap((uid) => index.get(uid) ?? []);
  }

  /** Objects of a resource in a namespace controlled by the owner with this uid. */
  async ownedBy(ref: ResourceRef, namespace: string, ownerUid: string): Promise<KubeObject[]> {
    const index = await this.remember(`owned|${refId(ref)}|${namespace}`, async () => groupBy(await this.list(ref, namespace), (item) => controllerOf(item)?.uid));
    return index.get(ownerUid) ?? [];
  }

  /** The controller chain above an object, nearest first (ReplicaSet, Deployment …); unknown kinds end the chain. */
  async ownerChain(object: KubeObject): Promise<ObjectRefView[]> {
    const chain: ObjectRefView[] = [];
    let current: KubeObject | undefined = object;
    while (current && chain.length < MAX_OWNER_DEPTH) {
      const owner = controllerOf(current);
      if (!owner) break;
      const ref = resourceForKind(owner.kind);
      const namespace: string | undefined = current.metadata.namespace;
      const found: KubeObject | undefined = ref && (!ref.namespaced || namespace) ? (await this.list(ref, namespace)).find((item) => item.metadata.uid === owner.uid) : undefined;
      chain.push(found ? refOf(found) : { apiVersion: owner.apiVersion, kind: owner.kind, namespace: ref?.namespaced === false ? undefined : namespace, name: owner.name, uid: owner.uid });
      current = found;
    }
    return chain;
  }

  /** ReplicaSets of a Deployment, Jobs of a CronJob; nothing for the other kinds. */
  async childrenOf(kind: WorkloadKindName, workload: KubeObject): Promise<{ kind: WorkloadKindName; object: KubeObject }[]> {
    const childKind: WorkloadKindName | undefined = kind === 'Deployment' ? 'ReplicaSet' : kind === 'CronJob' ? 'Job' : undefined;
    if (!childKind) return [];
    const owned = await this.ownedBy(workloadResources[childKind], workload.metadata.namespace ?? '', workload.metadata.uid ?? '');
    return owned.map((object) => ({ kind: childKind, object }));
  }

  /** The pods a workload runs, directly or through its children. */
  async podsOf(kind: WorkloadKindName, workload: KubeObject): Promise<KubeObject[]> {
    const namespace = workload.metadata.namespace ?? '';
    const owners = [workload, ...(await this.childrenOf(kind, workload)).map((child) => child.object)];
    const pods = await Promise.all(owners.map((owner) => this.ownedBy(resources.pods, namespace, owner.metadata.uid ?? '')));
    return pods.flat();
  }

  private expire(): void {
    if (Date.now() - this.loadedAt <= this.maxAgeMs) return;
    this.lists.clearAll();
    this.memo.clear();
    this.wholes.clear();
    this.loadedAt = Date.now();
  }

  private remember<T>(key: string, compute: () => Promise<T>): Promise<T> {
    this.expire();
    let value = this.memo.get(key) as Promise<T> | undefined;
    if (!value) {
      value = compute();
      this.memo.set(key, value);
    }
    return value;
  }

  private async fetchLists(keys: readonly ListKey[]): Promise<(KubeObject[] | Error)[]> {
    const wholeLists = new Map<string, Promise<KubeObject[]>>();
    for (const key of keys) if (key.namespace === '') wholeLists.set(refId(key.ref), this.listWhole(key.ref));
    return Promise.all(
      keys.map(async (key) => {
        try {
          const whole = wholeLists.get(refId(key.ref));
          if (whole) return key.namespace === '' ? await whole : (await whole).filter((item) => item.metadata.namespace === key.namespace);
          return (await this.kube.list(key.ref, { namespace: key.namespace })).items;
        } catch (error) {
          return error as Error;
        }
      }),
    );
  }

  /**
   * Every object of a resource the caller can see: one all-namespaces list, or for a caller RBAC
   * refuses it (a team member bound in a few namespaces), one list per reachable namespace, merged;
   * namespaces where this resource is refused are left out. Still Forbidden when nothing is allowed.
   */
  private async listWhole(ref: ResourceRef): Promise<KubeObject[]> {
    try {
      return (await this.kube.list(ref)).items;
    } catch (error) {
      if (!isForbidden(error) || !ref.namespaced || !this.reachableNamespaces) throw error;
      const namespaces = await this.reachableNamespaces();
      const lists = await Promise.all(namespaces.map((namespace) => this.kube.list(ref, { namespace }).then((list) => list.items, (refused) => (isForbidden(refused) ? undefined : Promise.reject(refused)))));
      const allowed = lists.filter((list): list is KubeObject[] => list !== undefined);
      if (!allowed.length) throw error;
      return allowed.flat();
    }
  }
}

function involvedUid(event: KubeObject): string | undefined {
  const e = event as unknown as { involvedObject?: { uid?: string }; regarding?: { uid?: string } };
  return e.involvedObject?.uid ?? e.regarding?.uid;
}

function groupBy(items: KubeObject[], key: (item: KubeObject) => string | undefined): Map<string, KubeObject[]> {
  const groups = new Map<string, KubeObject[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
