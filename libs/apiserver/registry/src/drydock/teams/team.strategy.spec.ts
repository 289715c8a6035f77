import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { teamStrategy } from './team.strategy';

function team(spec: Record<string, unknown>): KubeObject {
  return { metadata: { name: 'blue', creationTimestamp: '2026-12-07T00:00:00Z' }, spec };
}

const messages = (object: KubeObject) => teamStrategy.validate(object).map(fieldErrorMessage);

describe('team strategy', () => {
  it('accepts the contract example of issue 9', () => {
    expect(messages(team({ members: [{ user: 'alice', role: 'edit' }], namespaces: ['blue'], quota: { pods: '50' } }))).toEqual([]);
  });

  it('reports every member error with its path: missing user, bad name, duplicate, unsupported role', () => {
    const object = team({ members: [{ role: 'view' }, { user: 'Alice', role: 'edit' }, { user: 'bob', role: 'view' }, { user: 'bob', role: 'owner' }, { user: 'carol' }] });
    expect(messages(object)).toEqual([
      'spec.members[0].user: Required value',
      'spec.members[1].user: Invalid value: "Alice": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')',
      'spec.members[3].user: Duplicate value: "bob"',
      'spec.members[3].role: Unsupported value: "owner": supported values: "admin", "edit", "view"',
      'spec.members[4].role: Required value',
    ]);
  });

  it('requires namespaces to be DNS labels, once each, outside the reserved kube- prefix', () => {
    expect(messages(team({ namespaces: ['blue', 'Blue', 'blue', '', 'kube-system'] }))).toEqual([
      'spec.namespaces[1]: Invalid value: "Blue": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\')',
      'spec.namespaces[2]: Duplicate value: "blue"',
      'spec.namespaces[3]: Required value',
      'spec.namespaces[4]: Forbidden: may not be a system namespace (the kube- prefix is reserved)',
    ]);
  });

  it('validates quota and limit ranges as ResourceQuota and LimitRange do, under the team\'s paths', () => {
    const object = team({ quota: { pods: '-1', widgets: '2' }, limitRanges: [{ type: 'Container', min: { cpu: '2' }, max: { cpu: '1' } }] });
    expect(messages(object)).toEqual([
      'spec.quota[pods]: Invalid value: "-1": must be greater than or equal to 0',
      'spec.quota[widgets]: Invalid value: "widgets": must be a standard resource for quota',
      'spec.limitRanges[0].min[cpu]: Invalid value: "2": min value 2 is greater than max value 1',
    ]);
  });

  it('defaults limit items as a LimitRange would and canonicalizes the quota, idempotently', () => {
    const object = team({ quota: { 'requests.memory': '1024Mi' }, limitRanges: [{ type: 'Container', max: { cpu: '500m' } }] });
    teamStrategy.defaults!(object);
    expect(object.spec).toEqual({ quota: { 'requests.memory': '1Gi' }, limitRanges: [{ type: 'Container', max: { cpu: '500m' }, default: { cpu: '500m' }, defaultRequest: { cpu: '500m' } }] });
    const again = structuredClone(object);
    teamStrategy.defaults!(again);
    expect(again).toEqual(object);
  });

  it('prints members, namespaces and age', () => {
    const object = team({ members: [{ user: 'alice', role: 'edit' }, { user: 'bob', role: 'view' }], namespaces: ['blue', 'blue-dev'] });
    expect(teamStrategy.table!.row(object, { now: new Date('2026-12-07T00:02:00Z') })).toEqual(['blue', 2, 'blue,blue-dev', '2m']);
    expect(teamStrategy.table!.row(team({}), { now: new Date('2026-12-07T00:02:00Z') })).toEqual(['blue', 0, '<none>', '2m']);
  });
});
