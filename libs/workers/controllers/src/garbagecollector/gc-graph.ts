import type { KubeObject } from '@drydock/util';
import type { ResourceRef } from '@drydock/client';

/** Where an observed object lives. */
export interface GraphNode {
  uid: string;
  resource: ResourceRef;
  namespace: string;
  name: string;
  /** UIDs of the owners this object names. */
  owners: string[];
}

/**
 * The garbage collector's dependency graph (graph_builder.go's uidToNode): every observed object by
 * UID, and for each owner UID the UIDs of the objects naming it. An owner may be absent from the graph
 * (a "virtual" node upstream); its dependents are still indexed under its UID. Pure bookkeeping.
 */
export class DependencyGraph {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly dependentsOf = new Map<string, Set<string>>();

  /** Records the object; returns the owner UIDs whose set of dependents changed. */
  upsert(resource: ResourceRef, object: KubeObject): string[] {
    const uid = object.metadata.uid;
    if (!uid) return [];
    const owners = (object.metadata.ownerReferences ?? []).map((ref) => ref.uid);
    const previous = this.nodes.get(uid)?.owners ?? [];
    for (const owner of previous) if (!owners.includes(owner)) this.unlink(owner, uid);
    for (const owner of owners) {
      let set = this.dependentsOf.get(owner);
      if (!set) this.dependentsOf.set(owner, (set = new Set()));
      set.add(uid);
    }
    this.nodes.set(uid, { uid, resource, namespace: object.metadata.namespace ?? '', name: object.metadata.name!, owners });
    return [...new Set([...previous.filter((o) => !owners.includes(o)), ...owners.filter((o) => !previous.includes(o))])];
  }

  /** Forgets the object; returns its former node. Its dependents stay indexed under its UID. */
  remove(uid: string): GraphNode | undefined {
    const node = this.nodes.get(uid);
    if (!node) return undefined;
    for (const owner of node.owners) this.unlink(owner, uid);
    this.nodes.delete(uid);
    return node;
  }

  get(uid: string): GraphNode | undefined {
    return this.nodes.get(uid);
  }

  dependents(ownerUid: string): GraphNode[] {
    return [...(this.dependentsOf.get(ownerUid) ?? [])].map((uid) => this.nodes.get(uid)).filter((node): node is GraphNode => !!node);
  }

  private unlink(owner: string, uid: string): void {
    const set = this.dependentsOf.get(owner);
    set?.delete(uid);
    if (set?.size === 0) this.dependentsOf.delete(owner);
  }
}
