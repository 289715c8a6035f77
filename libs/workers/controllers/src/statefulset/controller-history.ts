import { newControllerRef } from '@drydock/kube';
import type { KubeObject } from '@drydock/util';
import { canonicalJson, safeEncodeString } from '../util/controller-hash';
import type { PodTemplateSpec } from '../util/workload.types';

/** The label naming a ControllerRevision's hash (apps.ControllerRevisionHashLabelKey); on pods too. */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';

/** apps/v1 ControllerRevision: `data` is the strategic merge patch `kubectl rollout undo` applies. */
export interface ControllerRevision extends KubeObject {
  data?: { spec?: { template?: PodTemplateSpec & { $patch?: string } } };
  revision: number;
}

/**
 * getPatch of the DaemonSet and StatefulSet controllers: `{"spec":{"template":{…,"$patch":"replace"}}}`,
 * the shape kubectl's rollout history and undo read back out of ControllerRevision.data.
 */
export function revisionPatch(template: PodTemplateSpec | undefined): ControllerRevision['data'] {
  return { spec: { template: { ...JSON.parse(JSON.stringify(template ?? {})), $patch: 'replace' } } };
}

/** The pod template a revision records (ApplyRevision, for the template only). */
export function templateOfRevision(revision: ControllerRevision): PodTemplateSpec {
  const template: PodTemplateSpec & { $patch?: string } = { ...(revision.data?.spec?.template ?? {}) };
  delete template.$patch;
  return template;
}

/** history.Match / FindEqualRevisions: the same patch, compared as canonical JSON. */
export function revisionDataEqual(a: ControllerRevision['data'], b: ControllerRevision['data']): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** FNV-1 (hash/fnv.New32, which HashControllerRevision uses; not FNV-1a). */
export function fnv32(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (const byte of bytes) {
    hash = Math.imul(hash, 0x01000193) >>> 0;
    hash ^= byte;
  }
  return hash >>> 0;
}

/**
 * history.HashControllerRevision: FNV-1 over the data, then the collision count written as decimal
 * text, encoded with rand.SafeEncodeString. The data is hashed as canonical JSON (Go's bytes differ).
 */
export function hashControllerRevision(data: ControllerRevision['data'], collisionCount?: number): string {
  let hash = fnv32(Buffer.from(canonicalJson(data), 'utf8'));
  if (collisionCount !== undefined && collisionCount !== null) hash = fnv32(Buffer.from(String(collisionCount), 'utf8'), hash);
  return safeEncodeString(String(hash));
}

/** history.ControllerRevisionName: `<parent>-<hash>`, the prefix cut to 223 characters. */
export function controllerRevisionName(parent: string, hash: string): string {
  return `${parent.length > 223 ? parent.slice(0, 223) : parent}-${hash}`;
}

/** history.NewControllerRevision: template labels plus the hash label, controlled by the parent. */
export function newControllerRevision(parent: KubeObject, apiVersion: string, kind: string, templateLabels: Record<string, string> | undefined, data: ControllerRevision['data'], revision: number, collisionCount?: number): ControllerRevision {
  const hash = hashControllerRevision(data, collisionCount);
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: controllerRevisionName(parent.metadata.name!, hash),
      namespace: parent.metadata.namespace,
      labels: { ...(templateLabels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: hash },
      ownerReferences: [newControllerRef(parent, apiVersion, kind)],
    },
    data,
    revision,
  };
}

/** Ascending by revision, then by name (history.SortControllerRevisions). */
export function sortRevisions(revisions: ControllerRevision[]): ControllerRevision[] {
  return [...revisions].sort((a, b) => a.revision - b.revision || (a.metadata.name! < b.metadata.name! ? -1 : 1));
}

/** nextRevision: one more than the highest, 1 for none. */
export function nextRevision(revisions: ControllerRevision[]): number {
  return revisions.reduce((max, revision) => Math.max(max, revision.revision), 0) + 1;
}

/**
 * Revisions truncateHistory / cleanupHistory may delete: the oldest first, beyond `limit`, never one in
 * `live` (names of revisions still in use by pods or by the status).
 */
export function revisionsToPrune(revisions: ControllerRevision[], live: Set<string>, limit: number): ControllerRevision[] {
  const prunable = sortRevisions(revisions).filter((revision) => !live.has(revision.metadata.name!));
  return prunable.slice(0, Math.max(0, prunable.length - limit));
}
