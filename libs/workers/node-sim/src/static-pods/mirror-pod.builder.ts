import { createHash } from 'node:crypto';
import type { KubeObject } from '@drydock/util';

/** The annotations a kubelet puts on a static pod and its mirror pod (upstream's kubetypes). */
export const CONFIG_HASH_ANNOTATION = 'kubernetes.io/config.hash';
export const CONFIG_MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';
export const CONFIG_SEEN_ANNOTATION = 'kubernetes.io/config.seen';
export const CONFIG_SOURCE_ANNOTATION = 'kubernetes.io/config.source';

export function isMirrorPod(pod: KubeObject): boolean {
  return !!pod.metadata.annotations?.[CONFIG_MIRROR_ANNOTATION];
}

/**
 * The mirror pod of a static pod manifest, as the kubelet builds it (pkg/kubelet/config/common.go
 * applyDefaults, then the mirror client): named `<name>-<node>`, in `default` unless the manifest names a
 * namespace, bound to the node, tolerating every NoExecute taint, its config hash (an MD5 of the
 * manifest's content, so an edited manifest gets a new one) in `config.hash` and `config.mirror`, and
 * owned by the Node so that it goes with it. Pure.
 */
export function buildMirrorPod(manifest: KubeObject, node: { name: string; uid: string }, seen: string): KubeObject {
  const hash = createHash('md5').update(JSON.stringify(manifest)).digest('hex');
  const spec = { ...((manifest.spec ?? {}) as Record<string, unknown>) };
  const tolerations = (spec.tolerations ?? []) as Array<Record<string, unknown>>;
  spec.tolerations = [...tolerations, { operator: 'Exists', effect: 'NoExecute' }];
  spec.nodeName = node.name;
  const metadata = manifest.metadata ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${metadata.name}-${node.name.toLowerCase()}`,
      namespace: metadata.namespace || 'default',
      labels: metadata.labels,
      annotations: {
        ...(metadata.annotations ?? {}),
        [CONFIG_HASH_ANNOTATION]: hash,
        [CONFIG_MIRROR_ANNOTATION]: hash,
        [CONFIG_SEEN_ANNOTATION]: seen,
        [CONFIG_SOURCE_ANNOTATION]: 'file',
      },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.name, uid: node.uid, controller: true }],
    },
    spec,
  };
}

/** Why a manifest is not a pod the kubelet would run (it logs and skips such files). */
export function manifestProblem(manifest: unknown): string | undefined {
  const object = manifest as KubeObject | null;
  if (!object || typeof object !== 'object') return 'not an object';
  if (object.kind !== 'Pod' || object.apiVersion !== 'v1') return `kind ${object.kind ?? '(none)'} of apiVersion ${object.apiVersion ?? '(none)'} is not a v1 Pod`;
  if (!object.metadata?.name) return 'metadata.name is required';
  const containers = (object.spec as { containers?: unknown[] } | undefined)?.containers;
  if (!Array.isArray(containers) || containers.length === 0) return 'spec.containers: Required value';
  return undefined;
}
