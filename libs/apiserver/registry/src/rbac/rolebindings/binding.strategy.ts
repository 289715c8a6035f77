import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import { jsonEqual } from '../../meta/field-validation';
import { nameIsDnsSubdomain, nameIsPathSegment } from '../../meta/name-validation';
import type { ResourceStrategy } from '../../resource.types';
import { ensureRecord, list, record, records, text } from '../../support/object-fields';
import { age, ageColumn, column, nameColumn } from '../../support/table-columns';
import { invalidEach } from '../../support/field-errors';

const rbacGroup = 'rbac.authorization.k8s.io';

/** SetDefaults_RoleBinding / ClusterRoleBinding and SetDefaults_Subject. */
function defaults(object: KubeObject): void {
  const roleRef = ensureRecord(object, 'roleRef');
  if (!roleRef.apiGroup) roleRef.apiGroup = rbacGroup;
  for (const subject of records(object.subjects)) {
    if (subject.apiGroup) continue;
    // ServiceAccount subjects default to the core group "", which JSON omits (omitempty).
    if (subject.kind === 'ServiceAccount') delete subject.apiGroup;
    else if (subject.kind === 'User' || subject.kind === 'Group') subject.apiGroup = rbacGroup;
  }
}

function validateSubject(subject: Record<string, unknown>, namespaced: boolean, path: string): FieldError[] {
  const name = text(subject.name);
  const errors = name ? [] : [fieldErrors.required(`${path}.name`, '')];
  switch (subject.kind) {
    case 'ServiceAccount':
      if (name) errors.push(...invalidEach(`${path}.name`, name, nameIsDnsSubdomain(name, false)));
      if (text(subject.apiGroup)) errors.push(fieldErrors.notSupported(`${path}.apiGroup`, subject.apiGroup, ['']));
      if (!namespaced && !text(subject.namespace)) errors.push(fieldErrors.required(`${path}.namespace`, ''));
      return errors;
    case 'User':
    case 'Group':
      if (!name) errors.push(fieldErrors.invalid(`${path}.name`, name, `${text(subject.kind).toLowerCase()} name cannot be empty`));
      if (subject.apiGroup !== rbacGroup) errors.push(fieldErrors.notSupported(`${path}.apiGroup`, subject.apiGroup ?? '', [rbacGroup]));
      return errors;
    default:
      return [...errors, fieldErrors.notSupported(`${path}.kind`, subject.kind ?? '', ['ServiceAccount', 'User', 'Group'])];
  }
}

function validateBinding(object: KubeObject, namespaced: boolean): FieldError[] {
  const roleRef = record(object.roleRef);
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  const errors: FieldError[] = [];
  if (roleRef.apiGroup !== rbacGroup) errors.push(fieldErrors.notSupported('roleRef.apiGroup', roleRef.apiGroup ?? '', [rbacGroup]));
  if (!kinds.includes(text(roleRef.kind))) errors.push(fieldErrors.notSupported('roleRef.kind', roleRef.kind ?? '', kinds));
  const name = text(roleRef.name);
  if (!name) errors.push(fieldErrors.required('roleRef.name', ''));
  else errors.push(...invalidEach('roleRef.name', name, nameIsPathSegment(name, false)));
  list(object.subjects).forEach((subject, i) => errors.push(...validateSubject(record(subject), namespaced, `subjects[${i}]`)));
  return errors;
}

/** rbac.SubjectsStrings: users, groups and `namespace/name` service accounts. */
function subjectCells(object: KubeObject): string[] {
  const subjects = records(object.subjects);
  const names = (kind: string) => subjects.filter((s) => s.kind === kind).map((s) => (kind === 'ServiceAccount' ? `${text(s.namespace)}/${text(s.name)}` : text(s.name)));
  return [names('User').join(', '), names('Group').join(', '), names('ServiceAccount').join(', ')];
}

/** RoleBinding (namespaced) and ClusterRoleBinding: roleRef is immutable. */
export function bindingStrategy(namespaced: boolean): ResourceStrategy {
  const noun = namespaced ? 'roleBinding' : 'clusterRoleBinding';
  return {
    defaults,
    validate: (object) => validateBinding(object, namespaced),
    validateUpdate: (object, old) => (jsonEqual(object.roleRef, old.roleRef) ? [] : [fieldErrors.invalid('roleRef', object.roleRef ?? null, 'cannot change roleRef')]),
    table: {
      columns: [
        nameColumn,
        column('Role', 'string', 'RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error. This field is immutable.'),
        ageColumn,
        column('Users', 'string', `Users in the ${noun}`, 1),
        column('Groups', 'string', `Groups in the ${noun}`, 1),
        column('ServiceAccounts', 'string', `ServiceAccounts in the ${noun}`, 1),
      ],
      row: (object, ctx) => [object.metadata.name, `${text(record(object.roleRef).kind)}/${text(record(object.roleRef).name)}`, age(object, ctx.now), ...subjectCells(object)],
    },
  };
}
