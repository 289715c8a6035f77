import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import type { ResourceStrategy } from '../../resource.types';
import { record, records, text } from '../../support/object-fields';
import { keepAllButStatus, keepStatusForUpdate, resetStatusForCreate } from '../../support/status-subresource';
import { age, ageColumn, column, nameColumn } from '../../support/table-columns';

/** The longest display name (bytes), as upstream bounds free-text fields such as a condition's reason. */
export const maxDisplayNameLength = 256;

function validate(user: KubeObject): FieldError[] {
  const displayName = text(record(user.spec).displayName);
  return Buffer.byteLength(displayName) > maxDisplayNameLength ? [fieldErrors.tooLong('spec.displayName', displayName, maxDisplayNameLength)] : [];
}

/** `blue(edit),green(view)`: the user's teams as status.teams lists them; `<none>` when in none. */
function teamsCell(user: KubeObject): string {
  const teams = records(record(user.status).teams).map((entry) => `${text(entry.team)}(${text(entry.role)})`);
  return teams.length ? teams.join(',') : '<none>';
}

/**
 * drydock.dev/v1 User: a person (the RBAC user name is its name). The spec is the admin's; status.teams
 * is written by the team controller through `/status`. Credentials are never part of the object.
 */
export const userStrategy: ResourceStrategy = {
  prepareForCreate: (user) => resetStatusForCreate(user),
  prepareForUpdate: (user, old) => keepStatusForUpdate(user, old),
  validate,
  prepareForStatusUpdate: (user, old) => keepAllButStatus(user, old),
  table: {
    columns: [
      nameColumn,
      column('Display Name', 'string', 'The name shown for the user.'),
      column('Teams', 'string', 'The teams the user belongs to, with the role each gives.'),
      ageColumn,
    ],
    row: (user, ctx) => [user.metadata.name ?? '', text(record(user.spec).displayName) || '<none>', teamsCell(user), age(user, ctx.now)],
  },
};
