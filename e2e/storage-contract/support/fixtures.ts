import type { KubeObject } from '@drydock/util';
import type { ObjectKey } from '@drydock/storage';

export const CLUSTER = 'default';

export function configMapKey(name: string, namespace = 'default', resource = 'configmaps'): ObjectKey {
  return { cluster: CLUSTER, resource, namespace, name };
}

export function configMap(key: ObjectKey, data: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: key.name, namespace: key.namespace }, data };
}

export function revisionOf(object: KubeObject): number {
  return Number(object.metadata.resourceVersion);
}

/** Resolves when `condition` holds, polling; fails the test after `timeoutMs`. */
export async function eventually(condition: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function rejectionOf(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected the promise to reject');
}
