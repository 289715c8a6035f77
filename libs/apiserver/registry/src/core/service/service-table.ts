import type { KubeObject } from '@drydock/util';
import type { StrategyContext, TableColumn } from '../../resource.types';
import { timestampSince } from '../../meta/human-duration';
import { fieldDescriptions } from '../field-descriptions';
import { Json, record, records, text } from '../../support/object-fields';
import { ageColumn, column, formatLabels, nameColumn } from '../../support/table-columns';

export const serviceColumns: TableColumn[] = [
  nameColumn,
  column('Type', 'string', fieldDescriptions['ServiceSpec.type']),
  column('Cluster-IP', 'string', fieldDescriptions['ServiceSpec.clusterIP']),
  column('External-IP', 'string', fieldDescriptions['ServiceSpec.externalIPs']),
  column('Port(s)', 'string', fieldDescriptions['ServiceSpec.ports']),
  ageColumn,
  column('Selector', 'string', fieldDescriptions['ServiceSpec.selector'], 1),
];

/** loadBalancerStatusStringer: sorted unique ingress IPs/hostnames, clipped to 16 bytes unless wide. */
function loadBalancerIngress(status: Json): string {
  const values = new Set<string>();
  for (const ingress of records(record(status, 'loadBalancer').ingress)) {
    if (text(ingress.ip)) values.add(text(ingress.ip));
    else if (text(ingress.hostname)) values.add(text(ingress.hostname));
  }
  return [...values].sort().join(',');
}

/** getServiceExternalIP with wide=true (the server always prints wide cells). */
function externalIP(service: KubeObject): string {
  const spec = record(service, 'spec');
  const externalIPs = Array.isArray(spec.externalIPs) ? spec.externalIPs.map(text) : [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const ingress = loadBalancerIngress(record(service, 'status'));
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
  const pieces = records(spec.ports).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${text(p.protocol)}` : `${p.port}/${text(p.protocol)}`));
  return pieces.join(',') || '<none>';
}

export function serviceRow(service: KubeObject, ctx: StrategyContext): unknown[] {
  const spec = record(service, 'spec');
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
