import type { KubeObject } from '@drydock/util';
import type { ResourceDefinition } from '@drydock/registry';

/**
 * kube-apiserver's apiVersionPriorities (pkg/controlplane/apiserver/aggregator.go and
 * cmd/kube-apiserver/app/aggregator.go): the group/versions the autoregister controller makes a
 * Local APIService for, with their group and version priorities. A group/version not listed gets none.
 */
const PRIORITIES: Record<string, [number, number]> = {
  v1: [18000, 1],
  'apiregistration.k8s.io/v1': [18000, 15],
  'apps/v1': [17800, 15],
  'events.k8s.io/v1': [17750, 15],
  'authentication.k8s.io/v1': [17700, 15],
  'authorization.k8s.io/v1': [17600, 15],
  'autoscaling/v1': [17500, 15],
  'autoscaling/v2': [17500, 30],
  'batch/v1': [17400, 15],
  'certificates.k8s.io/v1': [17300, 15],
  'networking.k8s.io/v1': [17200, 15],
  'policy/v1': [17100, 15],
  'rbac.authorization.k8s.io/v1': [17000, 15],
  'storage.k8s.io/v1': [16800, 15],
  'apiextensions.k8s.io/v1': [16700, 15],
  'admissionregistration.k8s.io/v1': [16700, 15],
  'scheduling.k8s.io/v1': [16600, 15],
  'coordination.k8s.io/v1': [16500, 15],
  'node.k8s.io/v1': [16300, 15],
  'discovery.k8s.io/v1': [16200, 15],
  'flowcontrol.apiserver.k8s.io/v1': [16100, 21],
};

/** metrics-server's APIService (its manifest's priorities); Drydock serves metrics.k8s.io itself, so it is Local here. */
const METRICS: [string, [number, number]] = ['metrics.k8s.io/v1beta1', [100, 100]];

function apiService(groupVersion: string, [groupPriorityMinimum, versionPriority]: [number, number], managed = 'onstart'): KubeObject {
  const [group, version] = groupVersion.includes('/') ? groupVersion.split('/') : ['', groupVersion];
  return { apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', metadata: { name: `${version}.${group}`, labels: { 'kube-aggregator.kubernetes.io/automanaged': managed } }, spec: { group, version, groupPriorityMinimum, versionPriority } };
}

/**
 * The crdRegistrationController's APIServices of a CRD: one per served version, group priority 1000
 * ("CRDs should have relatively low priority") and version priority 100, managed continuously.
 */
export function crdApiServices(crd: KubeObject): KubeObject[] {
  const spec = (crd.spec ?? {}) as { group?: string; versions?: Array<{ name: string; served?: boolean }> };
  return (spec.versions ?? []).filter((version) => version.served).map((version) => apiService(`${spec.group}/${version.name}`, [1000, 100], 'true'));
}

/** The Local APIServices of the group/versions the API server serves (built-in definitions only: CRD groups are not registered here). */
export function localApiServices(definitions: readonly ResourceDefinition[]): KubeObject[] {
  const served = new Set(definitions.map((def) => (def.group ? `${def.group}/${def.version}` : def.version)));
  const entries = [...Object.entries(PRIORITIES), METRICS].filter(([groupVersion]) => served.has(groupVersion));
  return entries.map(([groupVersion, priorities]) => apiService(groupVersion, priorities));
}

/**
 * The Available condition the aggregator's availability controller writes: always True for a Local
 * APIService; a Service-backed one is reachable only through a proxy Drydock does not have, so it
 * stays False (ServiceNotFound when the Service is missing).
 */
export function availableCondition(object: KubeObject, serviceExists: boolean): { type: string; status: string; reason: string; message: string } {
  const service = (object.spec as { service?: { namespace?: string; name?: string } } | undefined)?.service;
  if (!service) return { type: 'Available', status: 'True', reason: 'Local', message: 'Local APIServices are always available' };
  const { namespace = '', name = '' } = service;
  if (!serviceExists) return { type: 'Available', status: 'False', reason: 'ServiceNotFound', message: `service/${name} in "${namespace}" is not present` };
  return { type: 'Available', status: 'False', reason: 'FailedDiscoveryCheck', message: `failing or missing response from the service ${namespace}/${name}: Drydock does not proxy to aggregated API servers` };
}
