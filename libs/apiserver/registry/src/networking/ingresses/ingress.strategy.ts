import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import type { ResourceStrategy } from '../../resource.types';
import { validateIngressSpec } from './ingress-validation';
import { list, record, records, text } from '../../support/object-fields';
import { keepAllButStatus, keepStatusForUpdate, resetStatusForCreate } from '../../support/status-subresource';
import { age, ageColumn, column, nameColumn } from '../../support/table-columns';

const ingressClassAnnotation = 'kubernetes.io/ingress.class';

/** ValidateIngressCreate: the legacy class annotation must agree with spec.ingressClassName. */
function validate(object: KubeObject): FieldError[] {
  const spec = record(object.spec);
  const errors = validateIngressSpec(spec);
  const annotation = object.metadata.annotations?.[ingressClassAnnotation];
  if (annotation !== undefined && spec.ingressClassName != null && annotation !== spec.ingressClassName) {
    errors.push(fieldErrors.invalid(`annotations.${ingressClassAnnotation}`, annotation, 'must match `ingressClassName` when both are specified'));
  }
  return errors;
}

/** formatHosts: up to three hosts, `*` when none. */
function formatHosts(rules: unknown[]): string {
  const hosts = rules.slice(0, 3).map((rule) => text(record(rule).host)).filter((host) => host !== '');
  if (hosts.length === 0) return '*';
  return rules.length > 3 ? `${hosts.join(',')} + ${rules.length - 3} more...` : hosts.join(',');
}

/** ingressLoadBalancerStatusStringer (wide): sorted unique IPs or hostnames. */
function formatAddress(status: unknown): string {
  const entries = records(record(record(status).loadBalancer).ingress);
  const values = entries.map((entry) => text(entry.ip) || text(entry.hostname)).filter((value) => value !== '');
  return [...new Set(values)].sort().join(',');
}

function row(object: KubeObject, ctx: { now: Date }): unknown[] {
  const spec = record(object.spec);
  const className = typeof spec.ingressClassName === 'string' ? spec.ingressClassName : '<none>';
  const ports = list(spec.tls).length ? '80, 443' : '80';
  return [object.metadata.name, className, formatHosts(list(spec.rules)), formatAddress(object.status), ports, age(object, ctx.now)];
}

/** networking.k8s.io/v1 Ingress, as pkg/registry/networking/ingress/strategy.go. */
export const ingressStrategy: ResourceStrategy = {
  prepareForCreate: (object) => resetStatusForCreate(object, { loadBalancer: {} }),
  prepareForUpdate: (object, old) => keepStatusForUpdate(object, old),
  validate,
  prepareForStatusUpdate: (object, old) => keepAllButStatus(object, old, false),
  table: {
    columns: [
      nameColumn,
      column('Class', 'string', 'The name of the IngressClass resource that should be used for additional configuration'),
      column('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
      column('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
      column('Ports', 'string', 'Ports of TLS configurations that open'),
      ageColumn,
    ],
    row,
  },
};
