import type { KubeObject } from '@drydock/util';
import type { StrategyContext, TableColumn } from '../../resource.types';
import { timestampSince } from '../../meta/human-duration';
import { ageColumn, column, formatLabels, nameColumn } from '../../meta/table-columns';
import { Json, list, read, text } from '../core-strategy-helpers';
import { fieldDescriptions } from '../field-descriptions';

export const serviceColumns: TableColumn[] = [
  nameColumn,
  column('Type', fieldDescriptions['ServiceSpec.type']),
  column('Cluster-IP', fieldDescriptions['ServiceSpec.clusterIP']),
  column('External-IP', fieldDescriptions['ServiceSpec.externalIPs']),
  column('Port(s)', fieldDescriptions['ServiceSpec.ports']),
  ageColumn,
  column('Selector', fieldDescriptions['ServiceSpec.selector'], { wide: true }),
];

/** loadBalancerStatusStringer: sorted unique ingress IPs/hostnames, clipped to 16 bytes unless wide. */
function loadBalancerIngress(status: Json): string {
  const values = new Set<string>();
  for (const ingress of list(read(status, 'loadBalancer').ingress)) {
    if (text(ingress.ip)) values.add(text(ingress.ip));
    else if (text(ingress.hostname)) values.add(text(ingress.hostname));
  }
  return [...values].sort().join(',');
}

/** getServiceExternalIP with wide=true (the server always prints wide cells). */
function externalIP(service: KubeObject): string {
  const spec = read(service, 'spec');
  const externalIPs = Array.isArray(spec.externalIPs) ? spec.externalIPs.map(text) : [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const ingress = loadBalancerIngress(read(service, 'status'));
      if (externalIPs.length) return [...(ingress ? ingress.split(',') : []), ...externalIPs].join(',');
      return ingress || '<pending>';
    }
    case 'ExternalName':
      return text(spec.externalName);
    default:
      return '<unknown>';
  }
}

/** makePortString: `80/TCP`, `80:30080/TCP`. */
function ports(spec: Json): string {
  const pieces = list(spec.ports).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${text(p.protocol)}` : `${p.port}/${text(p.protocol)}`));
  return pieces.join(',') || '<none>';
}

export function serviceRow(service: KubeObject, ctx: StrategyContext): unknown[] {
  const spec = read(service, 'spec');
  const clusterIPs = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [];
  return [
    service.metadata.name ?? '',
    text(spec.type),
    clusterIPs.length ? text(clusterIPs[0]) : '<none>',
    externalIP(service),
    ports(spec),
    timestampSince(service.metadata.creationTimestamp, ctx.now),
    formatLabels(spec.selector),
  ];
}
