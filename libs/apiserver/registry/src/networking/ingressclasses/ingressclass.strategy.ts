import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import { fieldImmutable } from '../../meta/field-validation';
import { nameIsDnsLabel } from '../../meta/name-validation';
import { isDns1123Subdomain, regexError } from '@drydock/kube';
import type { ResourceStrategy } from '../../resource.types';
import { validateTypedReference } from '../ingresses/ingress-validation';
import { bumpGeneration, startGeneration } from '../../support/generation';
import { record, text } from '../../support/object-fields';
import { age, ageColumn, column, nameColumn } from '../../support/table-columns';
import { invalidEach } from '../../support/field-errors';

const maxControllerLength = 250;

/** SetDefaults_IngressClass: parameters default to cluster scope. */
function defaults(object: KubeObject): void {
  const parameters = record(object.spec).parameters;
  if (parameters != null && record(parameters).scope == null) record(parameters).scope = 'Cluster';
}

const httpPathFmt = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";

/** IsDomainPrefixedPath for spec.controller (max 250 characters). */
function validateController(controller: string): FieldError[] {
  const path = 'spec.controller';
  const errors = controller.length > maxControllerLength ? [fieldErrors.tooLong(path, '', maxControllerLength)] : [];
  if (controller === '') return [...errors, fieldErrors.required(path, '')];
  const slash = controller.indexOf('/');
  const [host, rest] = slash < 0 ? [controller, ''] : [controller.slice(0, slash), controller.slice(slash + 1)];
  if (slash < 0 || host === '' || rest === '') return [...errors, fieldErrors.invalid(path, controller, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  errors.push(...invalidEach(path, host, isDns1123Subdomain(host)));
  if (!new RegExp(`^${httpPathFmt}$`).test(rest)) errors.push(fieldErrors.invalid(path, rest, regexError('must be a valid path', httpPathFmt)));
  return errors;
}

/** validateIngressClassParametersReference. */
function validateParameters(parameters: unknown): FieldError[] {
  if (parameters == null) return [];
  const path = 'spec.parameters';
  const params = record(parameters);
  const errors = validateTypedReference(params, path);
  if (params.scope == null) return [...errors, fieldErrors.required(`${path}.scope`, '')];
  if (params.scope !== 'Cluster' && params.scope !== 'Namespace') return [...errors, fieldErrors.notSupported(`${path}.scope`, params.scope, ['Cluster', 'Namespace'])];
  if (params.scope === 'Namespace') {
    if (params.namespace == null) errors.push(fieldErrors.required(`${path}.namespace`, "`parameters.scope` is set to 'Namespace'"));
    else errors.push(...invalidEach(`${path}.namespace`, params.namespace, nameIsDnsLabel(text(params.namespace), false)));
  } else if (params.namespace != null) {
    errors.push(fieldErrors.forbidden(`${path}.namespace`, "`parameters.scope` is set to 'Cluster'"));
  }
  return errors;
}

function parametersCell(parameters: unknown): string {
  if (parameters == null) return '<none>';
  const { kind, apiGroup, name } = record(parameters);
  return `${text(kind)}${apiGroup != null ? `.${text(apiGroup)}` : ''}/${text(name)}`;
}

/** networking.k8s.io/v1 IngressClass (cluster-scoped; the controller is immutable). */
export const ingressClassStrategy: ResourceStrategy = {
  defaults,
  prepareForCreate: (object) => startGeneration(object),
  prepareForUpdate: (object, old) => bumpGeneration(object, old),
  validate: (object) => [...validateController(text(record(object.spec).controller)), ...validateParameters(record(object.spec).parameters)],
  validateUpdate: (object, old) => fieldImmutable(record(object.spec).controller, record(old.spec).controller, 'spec.controller'),
  table: {
    columns: [
      nameColumn,
      column('Controller', 'string', 'Controller that is responsible for handling this class'),
      column('Parameters', 'string', 'A reference to a resource with additional parameters'),
      ageColumn,
    ],
    row: (object, ctx) => [object.metadata.name, text(record(object.spec).controller), parametersCell(record(object.spec).parameters), age(object, ctx.now)],
  },
};
