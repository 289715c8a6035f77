import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import type { ResourceStrategy } from '../../resource.types';
import { formatLabelSelector } from '@drydock/kube';
import { validateLabelSelector } from '../../meta/label-selector-validation';
import { isValidPortName, isValidPortNum } from '@drydock/kube';
import { bumpGeneration, startGeneration } from '../../support/generation';
import { ensureRecord, list, record, text } from '../../support/object-fields';
import { age, ageColumn, column, nameColumn } from '../../support/table-columns';
import { invalidEach } from '../../support/field-errors';

/** SetDefaults_NetworkPolicy and SetDefaults_NetworkPolicyPort. */
function defaults(object: KubeObject): void {
  const spec = ensureRecord(object, 'spec');
  if (list(spec.policyTypes).length === 0) spec.policyTypes = list(spec.egress).length ? ['Ingress', 'Egress'] : ['Ingress'];
  for (const [rules, key] of [[spec.ingress, 'ports'], [spec.egress, 'ports']] as const) {
    for (const rule of list(rules)) for (const port of list(record(rule)[key])) if (record(port).protocol == null) record(port).protocol = 'TCP';
  }
}

/** ValidateNetworkPolicyPort. */
function validatePort(port: Record<string, unknown>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (port.protocol != null && !['TCP', 'UDP', 'SCTP'].includes(text(port.protocol))) errors.push(fieldErrors.notSupported(`${path}.protocol`, port.protocol, ['TCP', 'UDP', 'SCTP']));
  const { port: value, endPort } = port;
  if (value == null) {
    if (endPort != null) errors.push(fieldErrors.invalid(`${path}.endPort`, endPort, 'may not be specified when `port` is not specified'));
  } else if (typeof value === 'number') {
    errors.push(...invalidEach(`${path}.port`, value, isValidPortNum(value)));
    if (typeof endPort === 'number') {
      if (endPort < value) errors.push(fieldErrors.invalid(`${path}.endPort`, value, 'must be greater than or equal to `port`'));
      errors.push(...invalidEach(`${path}.endPort`, endPort, isValidPortNum(endPort)));
    }
  } else {
    if (endPort != null) errors.push(fieldErrors.invalid(`${path}.endPort`, endPort, 'may not be specified when `port` is non-numeric'));
    errors.push(...invalidEach(`${path}.port`, value, isValidPortName(text(value))));
  }
  return errors;
}

/** ValidateNetworkPolicyPeer (the CIDR syntax of ipBlock is not checked). */
function validatePeer(peer: Record<string, unknown>, path: string): FieldError[] {
  const errors = [...validateLabelSelector(peer.podSelector, `${path}.podSelector`), ...validateLabelSelector(peer.namespaceSelector, `${path}.namespaceSelector`)];
  const count = ['podSelector', 'namespaceSelector', 'ipBlock'].filter((key) => peer[key] != null).length;
  if (peer.ipBlock != null && !text(record(peer.ipBlock).cidr)) errors.push(fieldErrors.required(`${path}.ipBlock.cidr`, ''));
  if (count === 0) errors.push(fieldErrors.required(path, 'must specify a peer'));
  else if (count > 1 && peer.ipBlock != null) errors.push(fieldErrors.forbidden(path, 'may not specify both ipBlock and another peer'));
  return errors;
}

function validateRules(rules: unknown, kind: 'ingress' | 'egress'): FieldError[] {
  const peers = kind === 'ingress' ? 'from' : 'to';
  return list(rules).flatMap((rule, i) => [
    ...list(record(rule).ports).flatMap((port, j) => validatePort(record(port), `spec.${kind}[${i}].ports[${j}]`)),
    ...list(record(rule)[peers]).flatMap((peer, j) => validatePeer(record(peer), `spec.${kind}[${i}].${peers}[${j}]`)),
  ]);
}

/** ValidateNetworkPolicySpec. */
function validate(object: KubeObject): FieldError[] {
  const spec = record(object.spec);
  const errors = [...validateLabelSelector(spec.podSelector ?? {}, 'spec.podSelector'), ...validateRules(spec.ingress, 'ingress'), ...validateRules(spec.egress, 'egress')];
  const policyTypes = list(spec.policyTypes);
  if (policyTypes.length > 2) return [...errors, fieldErrors.invalid('spec.policyTypes', policyTypes, 'may not specify more than two policyTypes')];
  policyTypes.forEach((type, i) => {
    if (type !== 'Ingress' && type !== 'Egress') errors.push(fieldErrors.notSupported(`spec.policyTypes[${i}]`, type, ['Ingress', 'Egress']));
  });
  return errors;
}

/** networking.k8s.io/v1 NetworkPolicy. */
export const networkPolicyStrategy: ResourceStrategy = {
  defaults,
  prepareForCreate: (object) => startGeneration(object),
  prepareForUpdate: (object, old) => bumpGeneration(object, old),
  validate,
  table: {
    columns: [nameColumn, column('Pod-Selector', 'string', 'Selects the pods to which this NetworkPolicy object applies.'), ageColumn],
    row: (object, ctx) => [object.metadata.name, formatLabelSelector(record(object.spec).podSelector ?? {}), age(object, ctx.now)],
  },
};
