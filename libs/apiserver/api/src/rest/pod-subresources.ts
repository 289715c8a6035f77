import type { KubeObject } from '@drydock/util';
import { StatusError, isPlainObject } from '@drydock/util';
import type { ObjectStore } from '@drydock/storage';
import type { ResourceDefinition } from '@drydock/registry';
import type { Admission } from '../pipeline/admission';
import { parseDeleteOptions } from './delete-options';
import { deleteObject } from './delete';
import type { GenericStore } from './generic-store';
import type { WriteParams } from './request-context';

const success = (code: number) => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code });

/**
 * `POST pods/NAME/eviction` (policy/v1 Eviction): deletes the pod with the eviction's delete options.
 * PodDisruptionBudgets are honoured once the disruption controller exists (a later issue); until then
 * every eviction is allowed, as for a pod no budget covers.
 */
export async function evictPod(store: ObjectStore, admission: Admission, def: ResourceDefinition, cluster: string, namespace: string, name: string, body: KubeObject): Promise<Record<string, unknown>> {
  if (body.kind !== undefined && body.kind !== 'Eviction') throw StatusError.badRequest(`${String(body.kind)} cannot be handled as an Eviction`);
  const metadataName = body.metadata?.name;
  if (metadataName && metadataName !== name) throw StatusError.badRequest(`name in URL does not match name in Eviction object`);
  const options = isPlainObject(body.deleteOptions) ? (body.deleteOptions as Record<string, unknown>) : undefined;
  await deleteObject(store, admission, def, cluster, namespace, name, parseDeleteOptions(options, new URLSearchParams()));
  return success(201);
}

/** `POST pods/NAME/binding` (core/v1 Binding): sets spec.nodeName once, as the scheduler does upstream. */
export async function bindPod(generic: GenericStore, def: ResourceDefinition, cluster: string, namespace: string, name: string, body: KubeObject, params: WriteParams): Promise<Record<string, unknown>> {
  const target = body.target as { kind?: string; name?: string } | undefined;
  if (!target?.name) throw StatusError.invalid('', 'Binding', name, [{ type: 'FieldValueRequired', field: 'target.name', detail: '' }]);
  if (target.kind && target.kind !== 'Node') throw StatusError.invalid('', 'Binding', name, [{ type: 'FieldValueNotSupported', field: 'target.kind', value: target.kind, supported: ['Node'] }]);
  await generic.update(def, cluster, namespace, name, params, (current) => {
    const pod = current!;
    const spec = (pod.spec ?? {}) as { nodeName?: string };
    if (pod.metadata.deletionTimestamp) throw StatusError.conflict({ group: '', resource: 'pods' }, name, 'pod is being deleted, cannot be assigned to a host');
    if (spec.nodeName) throw StatusError.conflict({ group: '', resource: 'pods' }, name, `pod ${name} is already assigned to node "${spec.nodeName}"`);
    return { ...pod, spec: { ...spec, nodeName: target.name } };
  }, { subresource: 'binding' });
  return success(201);
}
