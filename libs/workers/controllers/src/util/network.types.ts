import type { KubeObject } from '@drydock/util';
import type { IntOrString } from './workload.types';

/** The fields of Services, Endpoints and EndpointSlices the network controllers read and write (core/v1, discovery/v1). */
export interface ServicePort {
  name?: string;
  protocol?: string;
  appProtocol?: string;
  port: number;
  targetPort?: IntOrString;
  nodePort?: number;
}

export interface LoadBalancerIngress {
  ip?: string;
  hostname?: string;
  ipMode?: string;
}

export interface Service extends KubeObject {
  spec?: {
    type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
    selector?: Record<string, string> | null;
    clusterIP?: string;
    clusterIPs?: string[];
    ipFamilies?: string[];
    ports?: ServicePort[];
    publishNotReadyAddresses?: boolean;
    loadBalancerIP?: string;
    loadBalancerClass?: string;
    [key: string]: unknown;
  };
  status?: { loadBalancer?: { ingress?: LoadBalancerIngress[] }; [key: string]: unknown };
}

/** core/v1 ObjectReference as the endpoint controllers write it (kind, namespace, name, uid). */
export interface TargetReference {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  resourceVersion?: string;
  apiVersion?: string;
}

export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: TargetReference;
}

export interface EndpointPort {
  name?: string;
  port: number;
  protocol?: string;
  appProtocol?: string;
}

export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

export interface Endpoints extends KubeObject {
  subsets?: EndpointSubset[];
}

export interface SliceEndpoint {
  addresses: string[];
  conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
  hostname?: string;
  targetRef?: TargetReference;
  nodeName?: string;
  zone?: string;
  hints?: unknown;
}

/** discovery/v1 EndpointPort: every field a pointer upstream, so an unnamed port is written `name: ""`. */
export interface SlicePort {
  name?: string;
  port?: number;
  protocol?: string;
  appProtocol?: string;
}

export interface EndpointSlice extends KubeObject {
  addressType: 'IPv4' | 'IPv6' | 'FQDN';
  endpoints: SliceEndpoint[];
  ports?: SlicePort[];
}

/** discovery/v1 well-known labels and core/v1 annotations the controllers set. */
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const LABEL_SKIP_MIRROR = 'endpointslice.kubernetes.io/skip-mirror';
export const LABEL_HEADLESS_SERVICE = 'service.kubernetes.io/headless';
export const ANNOTATION_LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';
export const ANNOTATION_OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';
/** resourcelock.LeaderElectionRecordAnnotationKey: Endpoints used as an old-style leader lock are never touched. */
export const ANNOTATION_LEADER_ELECTION = 'control-plane.alpha.kubernetes.io/leader';
