import * as fs from 'node:fs';
import * as path from 'node:path';
import { cells, expectFailure, expectSuccess, lines } from './harness/expectations';
import { useDrydock } from './harness/use-drydock';

const teamsManifest = `apiVersion: drydock.dev/v1
kind: User
metadata: {name: alice}
spec: {displayName: Alice}
---
apiVersion: drydock.dev/v1
kind: User
metadata: {name: bob}
spec: {displayName: Bob}
---
apiVersion: drydock.dev/v1
kind: Team
metadata: {name: blue}
spec:
  members:
  - {user: alice, role: edit}
  namespaces: [blue]
  quota: {pods: "50"}
---
apiVersion: drydock.dev/v1
kind: Team
metadata: {name: green}
spec:
  members:
  - {user: bob, role: view}
  namespaces: [green]
`;

describe('Users and Teams (drydock.dev/v1) as kubectl sees them', () => {
  const drydock = useDrydock();
  const kubectl = (...args: string[]) => drydock().run(args);
  const write = (name: string, text: string) => {
    const file = path.join(drydock().workDir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  beforeAll(async () => {
    expectSuccess(await kubectl('apply', '-f', write('teams.yaml', teamsManifest)));
  });

  it('kubectl apply creates users and teams, listed with their printer columns', async () => {
    const teams = lines(expectSuccess(await kubectl('get', 'teams'))).map(cells);
    expect(teams[0]).toEqual(['NAME', 'MEMBERS', 'NAMESPACES', 'AGE']);
    expect(teams.slice(1).map((row) => row.slice(0, 3))).toEqual([['blue', '1', 'blue'], ['green', '1', 'green']]);
    const users = lines(expectSuccess(await kubectl('get', 'users'))).map(cells);
    expect(users[0]).toEqual(['NAME', 'DISPLAY NAME', 'TEAMS', 'AGE']);
    expect(users.slice(1).map((row) => row.slice(0, 2))).toEqual([['alice', 'Alice'], ['bob', 'Bob']]);
  });

  it('api-resources lists both kinds, cluster-scoped, in drydock.dev/v1', async () => {
    const rows = lines(expectSuccess(await kubectl('api-resources', '--api-group=drydock.dev'))).map((line) => line.split(/\s+/).join(' '));
    expect(rows.slice(1)).toEqual(['teams drydock.dev/v1 false Team', 'users drydock.dev/v1 false User']);
  });

  it('explain team.spec.members shows the member fields from the served OpenAPI', async () => {
    const out = expectSuccess(await kubectl('explain', 'team.spec.members'));
    expect(out).toMatch(/^GROUP:\s+drydock\.dev$/m);
    expect(out).toMatch(/^KIND:\s+Team$/m);
    expect(out).toMatch(/^FIELD:\s+members\s+<\[\]TeamMember>$/m);
    expect(out).toMatch(/^\s+role\s+<string> -required-$/m);
    expect(out).toMatch(/^\s+user\s+<string> -required-$/m);
  });

  it('an invalid team is refused with every field error, as upstream prints a 422', async () => {
    const bad = write('bad-team.yaml', 'apiVersion: drydock.dev/v1\nkind: Team\nmetadata: {name: red}\nspec:\n  members:\n  - {user: bob, role: owner}\n  - {user: bob, role: view}\n  namespaces: [kube-system]\n');
    const stderr = expectFailure(await kubectl('create', '-f', bad));
    expect(stderr).toContain(
      'The Team "red" is invalid: \n' +
        '* spec.members[0].role: Unsupported value: "owner": supported values: "admin", "edit", "view"\n' +
        '* spec.members[1].user: Duplicate value: "bob"\n' +
        '* spec.namespaces[0]: Forbidden: may not be a system namespace (the kube- prefix is reserved)',
    );
  });

  it('an unknown field is refused by strict field validation', async () => {
    const bad = write('unknown-field.yaml', 'apiVersion: drydock.dev/v1\nkind: User\nmetadata: {name: carol}\nspec: {displayName: Carol, colour: red}\n');
    expect(expectFailure(await kubectl('create', '-f', bad))).toContain('strict decoding error: unknown field "spec.colour"');
  });

  it('server-side apply merges members by user: two managers each own their member', async () => {
    const teamOf = (user: string) => `apiVersion: drydock.dev/v1\nkind: Team\nmetadata: {name: purple}\nspec:\n  members:\n  - {user: ${user}, role: view}\n`;
    expectSuccess(await kubectl('apply', '--server-side', '--field-manager=one', '-f', write('purple-1.yaml', teamOf('alice'))));
    expectSuccess(await kubectl('apply', '--server-side', '--field-manager=two', '-f', write('purple-2.yaml', teamOf('bob'))));
    const team = JSON.parse(expectSuccess(await kubectl('get', 'team', 'purple', '-o', 'json')));
    expect(team.spec.members).toEqual([{ user: 'alice', role: 'view' }, { user: 'bob', role: 'view' }]);
    expect(team.metadata.generation).toBe(2);
  });
});
