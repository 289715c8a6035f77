import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import { fieldImmutable, validateNonnegative } from '../../meta/field-validation';
import type { ResourceStrategy } from '../../resource.types';
import { records, text } from '../../support/object-fields';
import { age, ageColumn, column, nameColumn } from '../../support/table-columns';

/** `kind.group/name` of the controller owner (printers.go formatResourceName), `<none>` without one. */
function controllerName(object: KubeObject): string {
  const owner = records(object.metadata.ownerReferences).find((ref) => ref.controller === true);
  if (!owner) return '<none>';
  const apiVersion = text(owner.apiVersion);
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  const groupKind = group ? `${text(owner.kind)}.${group}` : text(owner.kind);
  return `${groupKind.toLowerCase()}/${text(owner.name)}`;
}

/** ValidateControllerRevision. */
function validate(object: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  if (object.data === undefined || object.data === null) errors.push(fieldErrors.required('data', 'data is mandatory'));
  return [...errors, ...validateNonnegative(object.revision, 'revision')];
}

/** apps/v1 ControllerRevision: immutable data, written by the StatefulSet and DaemonSet controllers. */
export const controllerRevisionStrategy: ResourceStrategy = {
  validate,
  validateUpdate: (object, old) => fieldImmutable(object.data, old.data, 'data'),
  table: {
    columns: [
      nameColumn,
      column('Controller', 'string', 'Controller of the object'),
      column('Revision', 'string', 'Revision indicates the revision of the state represented by Data.'),
      ageColumn,
    ],
    row: (object, ctx) => [object.metadata.name, controllerName(object), typeof object.revision === 'number' ? object.revision : 0, age(object, ctx.now)],
  },
};
