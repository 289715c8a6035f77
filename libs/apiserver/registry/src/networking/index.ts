import type { ResourceDefinition } from '../resource.types';
import { ingressClassResource } from './ingressclasses/ingressclass.resource';
import { ingressResource } from './ingresses/ingress.resource';
import { ipAddressResource } from './ipaddresses/ipaddress.resource';
import { networkPolicyResource } from './networkpolicies/networkpolicy.resource';
import { serviceCidrResource } from './servicecidrs/servicecidr.resource';

/** networking.k8s.io/v1, in upstream discovery order. */
export const networkingResources: ResourceDefinition[] = [ingressClassResource, ingressResource, ipAddressResource, networkPolicyResource, serviceCidrResource];
