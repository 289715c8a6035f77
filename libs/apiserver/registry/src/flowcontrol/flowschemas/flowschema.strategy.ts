import { FieldError, fieldErrors, jsonEqual, KubeObject } from '@drydock/util';
import { isDns1123Label, isDns1123Subdomain } from '@drydock/kube';
import type { ResourceStrategy } from '../../resource.types';
import { invalidEach } from '../../support/field-errors';
import { list, record, records, text } from '../../support/object-fields';
import { keepAllButStatus, keepStatusForUpdate, resetStatusForCreate } from '../../support/status-subresource';
import { age, ageColumn, column, nameColumn } from '../../support/table-columns';
import { mandatorySpec } from '../bootstrap-configuration';
import { validateConditions } from '../flowcontrol-validation';

const maxMatchingPrecedence = 10000;
const supportedVerbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'proxy', 'update', 'watch'];
const nsErrIntro = "each member of this list must be '*' or a DNS-1123 label; ";

/** SetDefaults_FlowSchemaSpec: matchingPrecedence 1000. */
function defaults(object: KubeObject): void {
  const spec = record(object.spec);
  if (!spec.matchingPrecedence) spec.matchingPrecedence = 1000;
  object.spec = spec;
}

const strings = (value: unknown): string[] => list(value).map(text);

/** `verbs` of a resource or non-resource rule: required; `*` alone; else upstream's verbs only. */
function validateVerbs(verbs: string[], path: string): FieldError[] {
  if (!verbs.length) return [fieldErrors.required(path, 'verbs must contain at least one value')];
  if (verbs.includes('*')) return verbs.length > 1 ? [fieldErrors.invalid(path, verbs, "if '*' is present, must not specify other verbs")] : [];
  return verbs.every((verb) => supportedVerbs.includes(verb)) ? [] : [fieldErrors.notSupported(path, verbs, supportedVerbs)];
}

/** ValidateNonResourceURLPath. */
function nonResourceUrlError(url: string, path: string): FieldError | undefined {
  if (!url) return fieldErrors.invalid(path, url, 'must not be empty');
  if (url === '/') return undefined;
  if (!url.startsWith('/')) return fieldErrors.invalid(path, url, 'must start with slash');
  if (url.includes(' ')) return fieldErrors.invalid(path, url, 'must not contain white-space');
  if (url.includes('//')) return fieldErrors.invalid(path, url, 'must not contain double slash');
  const wildcards = url.split('*').length - 1;
  if (wildcards > 1 || (wildcards === 1 && !url.endsWith('/*'))) return fieldErrors.invalid(path, url, 'wildcard can only do suffix matching');
  return undefined;
}

function validateNonResourceRule(rule: Record<string, unknown>, path: string): FieldError[] {
  const errors = validateVerbs(strings(rule.verbs), `${path}.verbs`);
  const urls = strings(rule.nonResourceURLs);
  if (!urls.length) errors.push(fieldErrors.required(`${path}.nonResourceURLs`, 'nonResourceURLs must contain at least one value'));
  else if (urls.includes('*')) {
    if (urls.length > 1) errors.push(fieldErrors.invalid(`${path}.nonResourceURLs`, urls, "if '*' is present, must not specify other non-resource URLs"));
  } else urls.forEach((url, i) => errors.push(...[nonResourceUrlError(url, `${path}.nonResourceURLs[${i}]`)].filter((e): e is FieldError => !!e)));
  return errors;
}

function validateResourceRule(rule: Record<string, unknown>, path: string): FieldError[] {
  const errors = validateVerbs(strings(rule.verbs), `${path}.verbs`);
  const apiGroups = strings(rule.apiGroups);
  if (!apiGroups.length) errors.push(fieldErrors.required(`${path}.apiGroups`, 'resource rules must supply at least one api group'));
  else if (apiGroups.length > 1 && apiGroups.includes('*')) errors.push(fieldErrors.invalid(`${path}.apiGroups`, apiGroups, "if '*' is present, must not specify other api groups"));
  const resources = strings(rule.resources);
  if (!resources.length) errors.push(fieldErrors.required(`${path}.resources`, 'resource rules must supply at least one resource'));
  else if (resources.length > 1 && resources.includes('*')) errors.push(fieldErrors.invalid(`${path}.resources`, resources, "if '*' is present, must not specify other resources"));
  const namespaces = strings(rule.namespaces);
  if (!namespaces.length && rule.clusterScope !== true) errors.push(fieldErrors.required(`${path}.namespaces`, 'resource rules that are not cluster scoped must supply at least one namespace'));
  else if (namespaces.includes('*')) {
    if (namespaces.length > 1) errors.push(fieldErrors.invalid(`${path}.namespaces`, namespaces, "if '*' is present, must not specify other namespaces"));
  } else namespaces.forEach((namespace, i) => errors.push(...isDns1123Label(namespace).map((msg) => fieldErrors.invalid(`${path}.namespaces[${i}]`, namespace, nsErrIntro + msg))));
  return errors;
}

const subjectFields = { ServiceAccount: 'serviceAccount', User: 'user', Group: 'group' } as const;

/** ValidateFlowSchemaSubject. */
function validateSubject(subject: Record<string, unknown>, path: string): FieldError[] {
  const kind = text(subject.kind) as keyof typeof subjectFields;
  if (!(kind in subjectFields)) return [fieldErrors.notSupported(`${path}.kind`, text(subject.kind), ['Group', 'ServiceAccount', 'User'])];
  const field = subjectFields[kind];
  const errors: FieldError[] = [];
  const value = subject[field];
  if (value == null) errors.push(fieldErrors.required(`${path}.${field}`, `${field} is required when subject kind is '${kind}'`));
  else {
    const name = text(record(value).name);
    if (!name) errors.push(fieldErrors.required(`${path}.${field}.name`));
    else if (kind === 'ServiceAccount' && name !== '*') errors.push(...invalidEach(`${path}.${field}.name`, name, isDns1123Subdomain(name)));
    if (kind === 'ServiceAccount') {
      const namespace = text(record(value).namespace);
      if (!namespace) errors.push(fieldErrors.required(`${path}.${field}.namespace`, 'must specify namespace for service account'));
      else errors.push(...invalidEach(`${path}.${field}.namespace`, namespace, isDns1123Label(namespace)));
    }
  }
  for (const [otherKind, other] of Object.entries(subjectFields)) {
    if (other !== field && subject[other] != null) errors.push(fieldErrors.forbidden(`${path}.${other}`, `${other} is forbidden when subject kind is not '${otherKind}'`));
  }
  return errors;
}

function validateRule(rule: Record<string, unknown>, path: string): FieldError[] {
  const subjects = records(rule.subjects);
  const errors = subjects.length ? subjects.flatMap((subject, i) => validateSubject(subject, `${path}.subjects[${i}]`)) : [fieldErrors.required(`${path}.subjects`, 'subjects must contain at least one value')];
  const resourceRules = records(rule.resourceRules);
  const nonResourceRules = records(rule.nonResourceRules);
  if (!resourceRules.length && !nonResourceRules.length) errors.push(fieldErrors.required(path, 'at least one of resourceRules and nonResourceRules has to be non-empty'));
  resourceRules.forEach((r, i) => errors.push(...validateResourceRule(r, `${path}.resourceRules[${i}]`)));
  nonResourceRules.forEach((r, i) => errors.push(...validateNonResourceRule(r, `${path}.nonResourceRules[${i}]`)));
  return errors;
}

/** ValidateFlowSchema (pkg/apis/flowcontrol/validation): spec, the fixed spec of a mandatory schema, status conditions. */
function validate(object: KubeObject): FieldError[] {
  const spec = record(object.spec);
  const name = object.metadata.name ?? '';
  const errors: FieldError[] = [];
  const precedence = Number(spec.matchingPrecedence ?? 0);
  if (precedence <= 0) errors.push(fieldErrors.invalid('spec.matchingPrecedence', precedence, 'must be a positive value'));
  if (precedence > maxMatchingPrecedence) errors.push(fieldErrors.invalid('spec.matchingPrecedence', precedence, `must not be greater than ${maxMatchingPrecedence}`));
  if (precedence === 1 && name !== 'exempt') errors.push(fieldErrors.invalid('spec.matchingPrecedence', precedence, "only the schema named 'exempt' may have matchingPrecedence 1"));
  const distinguisher = spec.distinguisherMethod;
  if (distinguisher != null && !['ByNamespace', 'ByUser'].includes(text(record(distinguisher).type))) {
    errors.push(fieldErrors.notSupported('spec.distinguisherMethod.type', distinguisher, ['ByNamespace', 'ByUser']));
  }
  const level = text(record(spec.priorityLevelConfiguration).name);
  if (level) errors.push(...invalidEach('spec.priorityLevelConfiguration.name', level, isDns1123Subdomain(level)));
  else errors.push(fieldErrors.required('spec.priorityLevelConfiguration.name', 'must reference a priority level'));
  records(spec.rules).forEach((rule, i) => errors.push(...validateRule(rule, `spec.rules[${i}]`)));
  const mandatory = mandatorySpec('FlowSchema', name);
  if (mandatory && !jsonEqual(object.spec, mandatory)) errors.push(fieldErrors.invalid('spec', object.spec, `spec of '${name}' must equal the fixed value`));
  return [...errors, ...validateConditions(object)];
}

/** printFlowSchema: MissingPL is the Dangling condition's status, `?` before the configuration controller set it. */
function row(object: KubeObject, now: Date): unknown[] {
  const spec = record(object.spec);
  const distinguisher = spec.distinguisherMethod == null ? '<none>' : text(record(spec.distinguisherMethod).type);
  const dangling = records(record(object.status).conditions).find((condition) => condition.type === 'Dangling');
  return [object.metadata.name, text(record(spec.priorityLevelConfiguration).name), Number(spec.matchingPrecedence ?? 0), distinguisher, age(object, now), dangling ? text(dangling.status) : '?'];
}

/** FlowSchemaSequence: matchingPrecedence, then name (the order schemas are tried in, and printed in). */
export function byMatchingPrecedence(a: KubeObject, b: KubeObject): number {
  const precedence = (schema: KubeObject) => Number(record(schema.spec).matchingPrecedence ?? 1000);
  const [nameA, nameB] = [a.metadata.name ?? '', b.metadata.name ?? ''];
  return precedence(a) - precedence(b) || (nameA < nameB ? -1 : nameA > nameB ? 1 : 0);
}

/** flowcontrol.apiserver.k8s.io/v1 FlowSchema. */
export const flowSchemaStrategy: ResourceStrategy = {
  defaults,
  prepareForCreate: (object) => resetStatusForCreate(object),
  prepareForUpdate: (object, old) => keepStatusForUpdate(object, old),
  prepareForStatusUpdate: (object, old) => keepAllButStatus(object, old),
  validate,
  table: {
    columns: [
      nameColumn,
      column('PriorityLevel', 'string', '`name` is the name of the priority level configuration being referenced Required.'),
      column('MatchingPrecedence', 'string', '`matchingPrecedence` is used to choose among the FlowSchemas that match a given request. The chosen FlowSchema is among those with the numerically lowest (which we take to be logically highest) MatchingPrecedence.  Each MatchingPrecedence value must be ranged in [1,10000]. Note that if the precedence is not specified, it will be set to 1000 as default.'),
      column('DistinguisherMethod', 'string', '`distinguisherMethod` defines how to compute the flow distinguisher for requests that match this schema. `nil` specifies that the distinguisher is disabled and thus will always be the empty string.'),
      ageColumn,
      column('MissingPL', 'string', 'references a broken or non-existent PriorityLevelConfiguration'),
    ],
    row: (object, ctx) => row(object, ctx.now),
    order: byMatchingPrecedence,
  },
};
