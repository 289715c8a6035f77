import { canonicalizeResourceList } from '@drydock/kube';
import type { KubeObject } from '@drydock/util';
import { defaultLimitRangeItem } from '../../core/limitrange/limitrange.strategy';
import type { ResourceStrategy } from '../../resource.types';
import { list, record, records, text } from '../../support/object-fields';
import { keepAllButStatus, keepStatusForUpdate, resetStatusForCreate } from '../../support/status-subresource';
import { age, ageColumn, column, nameColumn } from '../../support/table-columns';
import { validateTeamSpec } from './team-spec-validation';

/** `blue,blue-dev`: the namespaces the team owns; `<none>` when it owns none. */
function namespacesCell(team: KubeObject): string {
  const namespaces = list(record(team.spec).namespaces).map(text);
  return namespaces.length ? namespaces.join(',') : '<none>';
}

/**
 * drydock.dev/v1 Team: members with a role and the namespaces, quota and limit ranges they share. The
 * quota and limit items get the defaults their ResourceQuota and LimitRange would get, so the objects the
 * team controller keeps equal the spec it copies them from.
 */
export const teamStrategy: ResourceStrategy = {
  defaults(team) {
    const spec = record(team.spec);
    canonicalizeResourceList(spec.quota);
    records(spec.limitRanges).forEach(defaultLimitRangeItem);
  },
  prepareForCreate: (team) => resetStatusForCreate(team),
  prepareForUpdate: (team, old) => keepStatusForUpdate(team, old),
  validate: (team) => validateTeamSpec(record(team.spec)),
  prepareForStatusUpdate: (team, old) => keepAllButStatus(team, old),
  table: {
    columns: [
      nameColumn,
      column('Members', 'integer', 'The number of users in the team.'),
      column('Namespaces', 'string', 'The namespaces the team owns.'),
      ageColumn,
    ],
    row: (team, ctx) => [team.metadata.name ?? '', records(record(team.spec).members).length, namespacesCell(team), age(team, ctx.now)],
  },
};
