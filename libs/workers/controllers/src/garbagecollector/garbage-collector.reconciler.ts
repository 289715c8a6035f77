import type { KubeObject, OwnerReference } from '@drydock/util';
import { Informer, isConflict, isNotFound, ResourceRef, resources } from '@drydock/client';
import { ControllerContext, QueueReconciler } from '../controller-context';
import { DependencyGraph, GraphNode } from './gc-graph';
import {
  blocksOwner, classifyReferences, decideForDependent, finalizersWithout, FOREGROUND_FINALIZER, isDeletingDependents, isOrphaning, ORPHAN_FINALIZER, OwnerState, ownerReferencesWithout, unblockedOwnerReferences,
} from './gc-decisions';

/**
 * The resources the collector watches. Upstream discovers every deletable resource; Drydock watches
 * this fixed list of built-in kinds (owners of a kind outside it are looked up with a GET when the
 * kind is in `resources`, and otherwise treated as present).
 */
export const GC_RESOURCES: ResourceRef[] = [
  resources.pods, resources.replicasets, resources.deployments, resources.replicationcontrollers, resources.statefulsets, resources.daemonsets,
  resources.controllerrevisions, resources.jobs, resources.cronjobs, resources.services, resources.endpoints, resources.endpointslices,
  resources.configmaps, resources.secrets, resources.serviceaccounts, resources.persistentvolumeclaims, resources.poddisruptionbudgets,
  resources.leases, resources.nodes, resources.resourcequotas, resources.limitranges, resources.rolebindings, resources.teams,
];

/** What the collector watches in a cluster: Drydock's own kinds (Teams) live only in the default cluster. */
export function gcResourcesFor(cluster: string | undefined): ResourceRef[] {
  return cluster === undefined || cluster === 'default' ? GC_RESOURCES : GC_RESOURCES.filter((resource) => resource.group !== 'drydock.dev');
}

const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');
const kindToResource = new Map(Object.values(resources).map((ref) => [`${ref.group}/${ref.kind}`, ref]));

/**
 * pkg/controller/garbagecollector: deletes objects whose owners are gone (background), deletes the
 * dependents of an owner in foreground deletion and then removes its `foregroundDeletion` finalizer,
 * and orphans the dependents of an owner with the `orphan` finalizer. The queue key is an object UID.
 */
export class GarbageCollectorReconciler extends QueueReconciler {
  readonly graph = new DependencyGraph();
  private readonly informers = new Map<string, Informer<KubeObject>>();

  constructor(ctx: ControllerContext, watched: ResourceRef[] = gcResourcesFor(ctx.cluster)) {
    super('garbage-collector-controller', ctx);
    for (const resource of watched) {
      const informer = ctx.informers.informerFor<KubeObject>(resource);
      this.informers.set(refKey(resource), informer);
      informer.addEventHandler({
        onAdd: (object) => this.observed(resource, undefined, object),
        onUpdate: (old, object) => this.observed(resource, old, object),
        onDelete: (object) => this.removed(object),
      });
    }
  }

  /** graph_builder processGraphChanges for adds and updates: only enqueues UIDs. */
  private observed(resource: ResourceRef, old: KubeObject | undefined, object: KubeObject): void {
    const uid = object.metadata.uid!;
    const changedOwners = this.graph.upsert(resource, object);
    const refsChanged = !old || JSON.stringify(old.metadata.ownerReferences ?? []) !== JSON.stringify(object.metadata.ownerReferences ?? []);
    if (object.metadata.ownerReferences?.length && refsChanged) this.queue.add(uid);
    const startedDeleting = !!object.metadata.deletionTimestamp && (!old?.metadata.deletionTimestamp || JSON.stringify(old.metadata.finalizers) !== JSON.stringify(object.metadata.finalizers));
    if (startedDeleting && (isOrphaning(object) || isDeletingDependents(object))) {
      this.queue.add(uid);
      if (isDeletingDependents(object)) for (const dependent of this.graph.dependents(uid)) this.queue.add(dependent.uid);
    }
    // An owner waiting for its dependents is woken when one lets go of it or stops blocking it.
    const woken = new Set([...changedOwners, ...(refsChanged ? (old?.metadata.ownerReferences ?? []).map((ref) => ref.uid) : [])]);
    for (const owner of woken) this.wakeDeletingOwner(owner);
  }

  private removed(object: KubeObject): void {
    const node = this.graph.remove(object.metadata.uid!);
    for (const dependent of this.graph.dependents(object.metadata.uid!)) this.queue.add(dependent.uid);
    for (const owner of node?.owners ?? []) this.wakeDeletingOwner(owner);
  }

  /** An owner waiting for its dependents is re-examined whenever one of them goes or lets go. */
  private wakeDeletingOwner(ownerUid: string): void {
    const owner = this.lookup(ownerUid);
    if (owner && isDeletingDependents(owner)) this.queue.add(ownerUid);
  }

  private lookup(uid: string): KubeObject | undefined {
    const node = this.graph.get(uid);
    if (!node) return undefined;
    const object = this.informers.get(refKey(node.resource))?.get(node.resource.namespaced ? node.namespace : '', node.name);
    return object?.metadata.uid === uid ? object : undefined;
  }

  async sync(uid: string): Promise<void> {
    const node = this.graph.get(uid);
    const object = this.lookup(uid);
    if (!node || !object) return;
    if (object.metadata.deletionTimestamp) {
      if (isOrphaning(object)) return this.orphanDependents(node, object);
      if (isDeletingDependents(object)) return this.processDeletingDependents(node, object);
      return;
    }
    const references = object.metadata.ownerReferences ?? [];
    if (references.length === 0) return;
    const states = new Map<string, OwnerState>();
    for (const ref of references) states.set(ref.uid, await this.ownerState(node, object, ref));
    const dependents = this.graph.dependents(uid);
    const aDependentIsDeletingDependents = dependents.some((dependent) => {
      const found = this.lookup(dependent.uid);
      return !!found && isDeletingDependents(found);
    });
    const decision = decideForDependent(object, classifyReferences(references, (ref) => states.get(ref.uid)!), dependents.length > 0, aDependentIsDeletingDependents);
    if (decision.action === 'removeOwnerReferences') await this.patchOwnerReferences(node, object, decision.uids);
    else if (decision.action === 'delete') {
      if (decision.unblockOwnerReferences) await this.replaceOwnerReferences(node, object, unblockedOwnerReferences(object));
      await this.deleteObject(node, decision.propagationPolicy);
    }
  }

  /**
   * isDangling: the owner from the graph, or (not observed) from a live GET by name, compared by UID.
   * Owners are looked up in the dependent's namespace: a reference to a namespaced owner in another
   * namespace is absent (upstream reports OwnerRefInvalidNamespace and lets the dependent go), and a
   * cluster-scoped dependent of a namespaced owner is left alone (namespacedOwnerOfClusterScopedObjectErr).
   */
  private async ownerState(dependent: GraphNode, object: KubeObject, ref: OwnerReference): Promise<OwnerState> {
    const cached = this.lookup(ref.uid);
    const cachedNamespace = cached?.metadata.namespace ?? '';
    if (cached && (!cachedNamespace || cachedNamespace === dependent.namespace)) return { absent: false, object: cached };
    const present = { absent: false as const, object: { metadata: { uid: ref.uid, name: ref.name } } };
    const resource = kindToResource.get(`${groupOf(ref.apiVersion)}/${ref.kind}`);
    if (!resource) return present;
    if (resource.namespaced && !dependent.namespace) return present;
    if (cached) {
      const owner = `[${ref.apiVersion}/${ref.kind}, namespace: ${dependent.namespace}, name: ${ref.name}, uid: ${ref.uid}]`;
      this.events.event(object, 'Warning', 'OwnerRefInvalidNamespace', `ownerRef ${owner} does not exist in namespace "${dependent.namespace}"`);
    }
    const live = await this.ctx.client.get(resource, resource.namespaced ? dependent.namespace : '', ref.name);
    return live && live.metadata.uid === ref.uid ? { absent: false, object: live } : { absent: true };
  }

  private async deleteObject(node: GraphNode, propagationPolicy: 'Background' | 'Foreground' | 'Orphan'): Promise<void> {
    try {
      await this.ctx.client.delete(node.resource, node.namespace, node.name, { propagationPolicy, preconditions: { uid: node.uid } });
    } catch (error) {
      if (!isNotFound(error) && !isConflict(error)) throw error;
    }
  }

  private async patchOwnerReferences(node: GraphNode, object: KubeObject, removeUids: string[]): Promise<void> {
    await this.replaceOwnerReferences(node, object, ownerReferencesWithout(object, removeUids));
  }

  private async replaceOwnerReferences(node: GraphNode, object: KubeObject, remaining: OwnerReference[]): Promise<void> {
    const operations = [
      { op: 'test', path: '/metadata/uid', value: node.uid },
      { op: 'test', path: '/metadata/ownerReferences', value: object.metadata.ownerReferences },
      remaining.length ? { op: 'replace', path: '/metadata/ownerReferences', value: remaining } : { op: 'remove', path: '/metadata/ownerReferences' },
    ];
    await this.patchIgnoringGone(node, operations);
  }

  /** processDeletingDependentsItem: remove foregroundDeletion once no dependent blocks; else push them along. */
  private async processDeletingDependents(node: GraphNode, owner: KubeObject): Promise<void> {
    const blocking = this.graph.dependents(node.uid).filter((dependent) => {
      const object = this.lookup(dependent.uid);
      return object && blocksOwner(object, node.uid);
    });
    if (blocking.length === 0) return this.removeFinalizer(node, owner, FOREGROUND_FINALIZER);
    for (const dependent of blocking) {
      const object = this.lookup(dependent.uid);
      if (object && !isDeletingDependents(object)) this.queue.add(dependent.uid);
    }
  }

  /** orphanDependents then removeFinalizer(orphan): every dependent loses its reference to the owner. */
  private async orphanDependents(node: GraphNode, owner: KubeObject): Promise<void> {
    for (const dependent of this.graph.dependents(node.uid)) {
      const object = this.lookup(dependent.uid);
      if (object) await this.patchOwnerReferences(dependent, object, [node.uid]);
    }
    await this.removeFinalizer(node, owner, ORPHAN_FINALIZER);
  }

  private async removeFinalizer(node: GraphNode, owner: KubeObject, finalizer: string): Promise<void> {
    const remaining = finalizersWithout(owner, finalizer);
    await this.patchIgnoringGone(node, [
      { op: 'test', path: '/metadata/uid', value: node.uid },
      { op: 'test', path: '/metadata/finalizers', value: owner.metadata.finalizers },
      remaining.length ? { op: 'replace', path: '/metadata/finalizers', value: remaining } : { op: 'remove', path: '/metadata/finalizers' },
    ]);
  }

  /** A failed `test` (the object moved on) is an error, so the UID is requeued against a fresher cache. */
  private async patchIgnoringGone(node: GraphNode, operations: unknown[]): Promise<void> {
    try {
      await this.ctx.client.patch(node.resource, node.namespace, node.name, operations, 'json');
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}

function refKey(resource: ResourceRef): string {
  return `${resource.group}/${resource.resource}`;
}
