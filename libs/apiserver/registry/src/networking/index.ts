import type { ResourceDefinition } from '../resource.types';
import { ingressClassResource } from './ingressclasses/ingressclass.resource';
import { ingressResource } from './ingresses/ingress.resource';
import { networkPolicyResource } from './networkpolicies/networkpolicy.resource';

/** networking.k8s.io/v1 (IPAddress and ServiceCIDR are not served). */
export const networkingResources: ResourceDefinition[] = [ingressClassResource, ingressResource, networkPolicyResource];
