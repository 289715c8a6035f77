import { StatusError } from '@drydock/util';
import type { KubeObject } from '@drydock/util';
import type { AdmissionRequest, ValidatingAdmissionPlugin } from '../admission';
import { requestUser } from '../rbac/request-user';
import { nodeIdentity } from './node-identity';

const mirrorPodAnnotation = 'kubernetes.io/config.mirror';

const nodeNameOf = (pod: KubeObject | null) => (pod?.spec as { nodeName?: string } | undefined)?.nodeName;

/**
 * Upstream's NodeRestriction admission plugin (plugin/pkg/admission/noderestriction): a kubelet
 * writes only its own Node and Lease, creates only mirror pods bound to itself, and updates the status
 * of, evicts or deletes only pods bound to itself. Anyone not a node passes untouched.
 */
export class NodeRestrictionAdmission implements ValidatingAdmissionPlugin {
  readonly name = 'NodeRestriction';

  async validate(request: Readonly<AdmissionRequest>): Promise<void> {
    const user = requestUser();
    const node = user && nodeIdentity(user);
    if (!node) return;
    const { def } = request;
    if (def.group === '' && def.resource === 'pods') this.pod(node, request);
    else if (def.group === '' && def.resource === 'nodes') this.node(node, request);
    else if (def.group === 'coordination.k8s.io' && def.resource === 'leases' && request.operation === 'CREATE' && request.object.metadata.name !== node) {
      throw forbidden(request, 'can only access node lease with the same name as the requesting node');
    }
  }

  private pod(node: string, request: Readonly<AdmissionRequest>): void {
    const { operation, subresource, object, old } = request;
    if (operation === 'CREATE' && !subresource) {
      if (object.metadata.annotations?.[mirrorPodAnnotation] === undefined) throw forbidden(request, `pod does not have "${mirrorPodAnnotation}" annotation, node "${node}" can only create mirror pods`);
      if (nodeNameOf(object) !== node) throw forbidden(request, `node "${node}" can only create pods with spec.nodeName set to itself`);
      return;
    }
    if (operation === 'DELETE' && nodeNameOf(old ?? object) !== node) throw forbidden(request, `node "${node}" can only delete pods with spec.nodeName set to itself`);
    if (operation === 'UPDATE' && subresource === 'status' && nodeNameOf(old ?? object) !== node) throw forbidden(request, `node "${node}" can only update pod status for pods with spec.nodeName set to itself`);
    if (subresource === 'eviction' && nodeNameOf(old ?? object) !== node) throw forbidden(request, `node "${node}" can only evict pods with spec.nodeName set to itself`);
  }

  private node(node: string, request: Readonly<AdmissionRequest>): void {
    const requested = request.object.metadata.name ?? request.old?.metadata.name;
    if (requested !== node) throw forbidden(request, `node "${node}" is not allowed to modify node "${requested}"`);
  }
}

/** admission.NewForbidden: `<resource> "<name>" is forbidden: <why>`. */
function forbidden(request: Readonly<AdmissionRequest>, why: string): StatusError {
  return StatusError.forbidden({ group: request.def.group, resource: request.def.resource }, request.object.metadata.name ?? request.old?.metadata.name ?? '', why);
}
