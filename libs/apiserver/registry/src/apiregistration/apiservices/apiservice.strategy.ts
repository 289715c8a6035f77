import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import { isDns1035Label, isDns1123Subdomain, isValidPortNum } from '@drydock/kube';
import type { ResourceStrategy } from '../../resource.types';
import { invalidEach } from '../../support/field-errors';
import { record, records, text } from '../../support/object-fields';
import { keepAllButStatus, keepOldStatus, resetStatus } from '../../support/status-subresource';
import { age, ageColumn, column, nameColumn } from '../../support/table-columns';

/** SetDefaults_ServiceReference: port 443. */
function defaults(object: KubeObject): void {
  const service = record(object.spec).service;
  if (service != null && record(service).port == null) record(service).port = 443;
}

/** ValidateAPIService (kube-aggregator pkg/apis/apiregistration/validation). */
function validate(object: KubeObject): FieldError[] {
  const spec = record(object.spec);
  const group = text(spec.group);
  const version = text(spec.version);
  const required = `${version}.${group}`;
  const errors: FieldError[] = [];
  const name = object.metadata.name ?? '';
  if (name && name !== required) errors.push(fieldErrors.invalid('metadata.name', name, `must be \`spec.version+"."+spec.group\`: "${required}"`));
  if (group === '' && version !== 'v1') errors.push(fieldErrors.required('spec.group', 'only v1 may have an empty group and it better be legacy kube'));
  if (group !== '') errors.push(...invalidEach('spec.group', group, isDns1123Subdomain(group)));
  errors.push(...invalidEach('spec.version', version, isDns1035Label(version)));
  const groupPriority = Number(spec.groupPriorityMinimum ?? 0);
  if (groupPriority <= 0 || groupPriority > 20000) errors.push(fieldErrors.invalid('spec.groupPriorityMinimum', groupPriority, 'must be positive and less than 20000'));
  const versionPriority = Number(spec.versionPriority ?? 0);
  if (versionPriority <= 0 || versionPriority > 1000) errors.push(fieldErrors.invalid('spec.versionPriority', versionPriority, 'must be positive and less than 1000'));
  const caBundle = text(spec.caBundle);
  if (spec.service == null) {
    if (caBundle) errors.push(fieldErrors.invalid('spec.caBundle', `${Buffer.from(caBundle, 'base64').length} bytes`, 'local APIServices may not have a caBundle'));
    if (spec.insecureSkipTLSVerify === true) errors.push(fieldErrors.invalid('spec.insecureSkipTLSVerify', true, 'local APIServices may not have insecureSkipTLSVerify'));
    return errors;
  }
  const service = record(spec.service);
  if (!text(service.namespace)) errors.push(fieldErrors.required('spec.service.namespace', ''));
  if (!text(service.name)) errors.push(fieldErrors.required('spec.service.name', ''));
  const portErrors = isValidPortNum(Number(service.port ?? 0));
  if (portErrors.length) errors.push(fieldErrors.invalid('spec.service.port', service.port ?? 0, `port is not valid: ${portErrors.join(', ')}`));
  if (spec.insecureSkipTLSVerify === true && caBundle) errors.push(fieldErrors.invalid('spec.insecureSkipTLSVerify', true, 'may not be true if caBundle is present'));
  return errors;
}

/** The Available condition's status, with its reason unless True (the aggregator's ConvertToTable). */
function available(object: KubeObject): string {
  const condition = records(record(object.status).conditions).find((c) => c.type === 'Available');
  if (!condition) return 'Unknown';
  if (condition.status === 'True' || !text(condition.reason)) return text(condition.status);
  return `${text(condition.status)} (${text(condition.reason)})`;
}

/** apiregistration.k8s.io/v1 APIService: `Local` when served by the API server itself, else `namespace/name` of its Service. */
export const apiServiceStrategy: ResourceStrategy = {
  defaults,
  prepareForCreate: (object) => resetStatus(object),
  prepareForUpdate: (object, old) => keepOldStatus(object, old),
  prepareForStatusUpdate: (object, old) => keepAllButStatus(object, old),
  validate,
  table: {
    columns: [
      nameColumn,
      column('Service', 'string', 'The reference to the service that hosts this API endpoint.'),
      column('Available', 'string', 'Whether this service is available.'),
      ageColumn,
    ],
    row(object, ctx) {
      const service = record(object.spec).service;
      return [object.metadata.name, service == null ? 'Local' : `${text(record(service).namespace)}/${text(record(service).name)}`, available(object), age(object, ctx.now)];
    },
  },
};
