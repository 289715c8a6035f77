import { kubeTime } from '@drydock/kube';
import type { KubeObject } from '@drydock/util';
import { StatusError } from '@drydock/util';
import type { SubresourceCall, SubresourceReply, SubresourceRest } from '@drydock/registry';
import type { GenericStore } from '../rest/generic-store';
import { parseWriteParams } from '../rest/write-params';
import { created } from './pod-eviction.rest';

/** `POST pods/NAME/binding` (core/v1 Binding), upstream's BindingREST: sets spec.nodeName once, as the scheduler does. */
export class BindingRest implements SubresourceRest {
  constructor(private readonly generic: GenericStore) {}

  async create({ def, cluster, namespace, name, query, req }: SubresourceCall, body: KubeObject): Promise<SubresourceReply> {
    const target = body.target as { kind?: string; name?: string } | undefined;
    if (!target?.name) throw StatusError.invalid('', 'Binding', name, [{ type: 'FieldValueRequired', field: 'target.name', detail: '' }]);
    if (target.kind && target.kind !== 'Node') throw StatusError.invalid('', 'Binding', name, [{ type: 'FieldValueNotSupported', field: 'target.kind', value: target.kind, supported: ['Node'] }]);
    const params = parseWriteParams(query, String(req.headers['user-agent'] ?? ''));
    const resource = { group: def.group, resource: def.resource };
    await this.generic.update(def, cluster, namespace, name, params, (current) => {
      const pod = current!;
      const spec = (pod.spec ?? {}) as { nodeName?: string };
      if (pod.metadata.deletionTimestamp) throw StatusError.conflict(resource, name, 'pod is being deleted, cannot be assigned to a host');
      if (spec.nodeName) throw StatusError.conflict(resource, name, `pod ${name} is already assigned to node "${spec.nodeName}"`);
      // As upstream's binding REST: the node name and the PodScheduled=True condition in one write.
      const status = (pod.status ?? {}) as { conditions?: { type: string }[] };
      const conditions = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
      const scheduled = { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: kubeTime(new Date()) };
      // Unconditional, as upstream's assignPod (GuaranteedUpdate with no preconditions): the copy's own
      // resourceVersion must not pin the write, or a concurrent change of the pod (the scheduler's own
      // PodScheduled=False from an earlier attempt) answers 409, which a scheduler reads as "already bound".
      const metadata = { ...pod.metadata };
      delete metadata.resourceVersion;
      return { ...pod, metadata, spec: { ...spec, nodeName: target.name }, status: { ...status, conditions: [...conditions, scheduled] } };
    }, { subresource: 'binding', mutateReadsOnly: true });
    return created();
  }
}
