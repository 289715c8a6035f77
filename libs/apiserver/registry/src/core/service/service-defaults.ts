import { isPlainObject } from '@drydock/util';
import { ensureRecord, Json, records } from '../../support/object-fields';

const defaultClientIPTimeoutSeconds = 10800;

/** service.ExternallyAccessible: NodePort, LoadBalancer, or ClusterIP with external IPs. */
function externallyAccessible(spec: Json): boolean {
  return spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && records(spec.externalIPs).length > 0);
}

/** SetDefaults_Service. */
export function defaultService(service: Json): void {
  const spec = ensureRecord(service, 'spec');
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const config = isPlainObject(spec.sessionAffinityConfig) ? spec.sessionAffinityConfig : {};
    const clientIP = isPlainObject(config.clientIP) ? config.clientIP : {};
    if (clientIP.timeoutSeconds === undefined) spec.sessionAffinityConfig = { ...config, clientIP: { ...clientIP, timeoutSeconds: defaultClientIPTimeoutSeconds } };
  }
  if (!spec.type) spec.type = 'ClusterIP';
  for (const port of records(spec.ports)) {
    if (!port.protocol) port.protocol = 'TCP';
    if (port.targetPort === undefined || port.targetPort === null || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port;
  }
  if (externallyAccessible(spec) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (spec.internalTrafficPolicy === undefined && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type as string)) spec.internalTrafficPolicy = 'Cluster';
  if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === undefined) spec.allocateLoadBalancerNodePorts = true;
}

/**
 * The IP family fields the service REST layer fills in on create (single-stack IPv4 cluster):
 * every non-ExternalName service gets ipFamilyPolicy SingleStack (RequireDualStack when headless
 * without a selector) and ipFamilies [IPv4], and
 * clusterIPs mirrors clusterIP. The clusterIP itself is allocated by the API layer (I/O).
 */
export function defaultIpFamilies(spec: Json): void {
  if (spec.type === 'ExternalName') return;
  const headlessWithoutSelector = spec.clusterIP === 'None' && Object.keys(isPlainObject(spec.selector) ? spec.selector : {}).length === 0;
  if (!spec.ipFamilyPolicy) spec.ipFamilyPolicy = headlessWithoutSelector ? 'RequireDualStack' : 'SingleStack';
  if (records(spec.ipFamilies).length === 0) spec.ipFamilies = ['IPv4'];
  if (typeof spec.clusterIP === 'string' && spec.clusterIP && records(spec.clusterIPs).length === 0) spec.clusterIPs = [spec.clusterIP];
  if (!spec.clusterIP && Array.isArray(spec.clusterIPs) && typeof spec.clusterIPs[0] === 'string') spec.clusterIP = spec.clusterIPs[0];
}

/** Whether the service needs a cluster IP allocated (not ExternalName, not headless). */
export function needsClusterIP(spec: Json): boolean {
  return spec.type !== 'ExternalName' && spec.clusterIP !== 'None';
}

/** Whether the service's ports need node ports allocated. */
export function needsNodePorts(spec: Json): boolean {
  return spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
}

/**
 * patchAllocatedValues: an update (kubectl apply, replace) that omits allocated values keeps them —
 * clusterIP(s), ipFamilies and node ports matched by port number and protocol.
 */
export function keepAllocatedValues(spec: Json, old: Json): void {
  if (needsClusterIP(old) && needsClusterIP(spec)) {
    if (!spec.clusterIP) spec.clusterIP = old.clusterIP;
    if (records(spec.clusterIPs).length === 0 && old.clusterIPs !== undefined) spec.clusterIPs = old.clusterIPs;
  }
  if (spec.type !== 'ExternalName' && old.type !== 'ExternalName') {
    if (!spec.ipFamilyPolicy && old.ipFamilyPolicy) spec.ipFamilyPolicy = old.ipFamilyPolicy;
    if (records(spec.ipFamilies).length === 0 && old.ipFamilies !== undefined) spec.ipFamilies = old.ipFamilies;
  }
  if (needsNodePorts(old) && needsNodePorts(spec)) {
    const oldPorts = records(old.ports);
    for (const port of records(spec.ports)) {
      if (port.nodePort) continue;
      const match = oldPorts.find((o) => o.port === port.port && o.protocol === port.protocol && o.nodePort);
      if (match) port.nodePort = match.nodePort;
    }
  }
  if (old.healthCheckNodePort && spec.healthCheckNodePort === undefined && spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local') {
    spec.healthCheckNodePort = old.healthCheckNodePort;
  }
}
