import type { UserInfo } from '../../rest/request-context';
import { nodeRules } from '../../system/bootstrap-policy';
import type { Authorizer, AuthorizationAttributes, Decision, UserRules } from '../authorization';
import { isResourceRequest, ruleAllows } from '../rbac/policy-rule';
import { NodeGraph, type NodeObjectKind } from './node-graph';
import { nodeIdentity } from './node-identity';

const noOpinion = (reason: string): Decision => ({ allowed: false, reason });
const allow: Decision = { allowed: true, reason: '' };

/**
 * Upstream's Node authorizer (plugin/pkg/auth/authorizer/node/node_authorizer.go), first in the chain
 * as `--authorization-mode=Node,RBAC`: a kubelet (`system:node:<name>` in `system:nodes`) reads only the
 * secrets, configmaps, claims and volumes the pods bound to its node use, requests tokens only for
 * their service accounts, and touches only its own Lease; everything else a kubelet may do at all is
 * the static NodeRules (which NodeRestriction then narrows to its own Node and pods). For anyone else,
 * no opinion.
 */
export class NodeAuthorizer implements Authorizer {
  private readonly rules = nodeRules();

  constructor(private readonly graph: NodeGraph) {}

  authorize(user: UserInfo, attributes: AuthorizationAttributes): Decision {
    const node = nodeIdentity(user);
    if (node === undefined) return noOpinion('');
    if (!node) return noOpinion('unknown node');
    if (isResourceRequest(attributes)) {
      const { group, resource, subresource } = attributes;
      if (group === '' && (resource === 'secrets' || resource === 'configmaps')) return this.readNamespaced(node, resource, attributes);
      if (group === '' && resource === 'persistentvolumeclaims') return subresource === 'status' ? this.statusUpdate(node, attributes) : this.get(node, resource, attributes);
      if (group === '' && resource === 'persistentvolumes') return this.get(node, resource, attributes);
      if (group === '' && resource === 'serviceaccounts') return this.createToken(node, attributes);
      if (group === 'coordination.k8s.io' && resource === 'leases') return this.lease(node, attributes);
    }
    return this.rules.some((rule) => ruleAllows(attributes, rule)) ? allow : noOpinion('');
  }

  rulesFor(user: UserInfo): UserRules {
    return { rules: nodeIdentity(user) ? this.rules : [], incomplete: false };
  }

  private readNamespaced(node: string, kind: NodeObjectKind, attributes: AuthorizationAttributes): Decision {
    if (!['get', 'list', 'watch'].includes(attributes.verb)) return noOpinion('can only read resources of this type');
    if (attributes.subresource) return noOpinion('cannot read subresource');
    if (!attributes.namespace) return noOpinion('can only read namespaced object of this type');
    return this.path(node, kind, attributes);
  }

  private get(node: string, kind: NodeObjectKind, attributes: AuthorizationAttributes): Decision {
    if (attributes.verb !== 'get') return noOpinion('can only get individual resources of this type');
    if (attributes.subresource) return noOpinion('cannot get subresource');
    return this.path(node, kind, attributes);
  }

  private statusUpdate(node: string, attributes: AuthorizationAttributes): Decision {
    if (!['get', 'update', 'patch'].includes(attributes.verb)) return noOpinion('can only get, update or patch the status of this type');
    return this.path(node, 'persistentvolumeclaims', attributes);
  }

  private createToken(node: string, attributes: AuthorizationAttributes): Decision {
    if (attributes.verb !== 'create' || !attributes.name) return noOpinion('can only create tokens for individual service accounts');
    if (attributes.subresource !== 'token') return noOpinion('can only create token subresource of serviceaccount');
    return this.path(node, 'serviceaccounts', attributes);
  }

  private lease(node: string, attributes: AuthorizationAttributes): Decision {
    if (!['get', 'create', 'update', 'patch', 'delete'].includes(attributes.verb)) return noOpinion('can only get, create, update, patch, or delete a node lease');
    if (attributes.namespace !== 'kube-node-lease') return noOpinion('can only access leases in the "kube-node-lease" system namespace');
    // The name of a create is not known here; NodeRestriction checks it.
    if (attributes.verb !== 'create' && attributes.name !== node) return noOpinion('can only access node lease with the same name as the requesting node');
    return allow;
  }

  private path(node: string, kind: NodeObjectKind, attributes: AuthorizationAttributes): Decision {
    if (!attributes.name) return noOpinion('No Object name found');
    return this.graph.hasPathFrom(attributes.cluster, node, kind, attributes.namespace, attributes.name) ? allow : noOpinion(`no relationship found between node '${node}' and this object`);
  }
}
