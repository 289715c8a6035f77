import { loadKubeconfig, resources } from '@drydock/client';
import { eventually, useDrydock } from '../support/use-drydock';
import { Check, describeCheck, describeSubscription, matrixChecks, subscriptionCells, subscriptionOutcome, subscriptionQuery } from './support/rbac-matrix.checks';
import { subjects } from './support/rbac-matrix.expectations';
import { createMatrixCluster, issueRobotToken, issueUserTokens, matrixNamespaces } from './support/rbac-matrix.fixture';
import { MatrixProbe, Outcome } from './support/rbac-matrix.probes';

/** Runs the checks a few at a time (the machine is small; the answers do not depend on the order). */
async function runAll(checks: Check[], probe: MatrixProbe, width = 8): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(checks.length);
  let next = 0;
  const worker = async () => {
    while (next < checks.length) {
      const index = next++;
      outcomes[index] = await checks[index].run(probe).catch((error: Error) => `error 0: ${error.message}` as Outcome);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return outcomes;
}

describe('the RBAC matrix: every (user, verb, resource, namespace) answers as upstream, by every way in', () => {
  const drydock = useDrydock({ name: 'rbac-matrix', nodes: 2, controlLoop: true, clockScale: 5 });
  let probe: MatrixProbe;
  /** The same subjects with their own tokens: users' API tokens, the ServiceAccount's TokenRequest token. */
  let tokenProbe: MatrixProbe;
  let tokens: Map<string, string>;

  beforeAll(async () => {
    const client = drydock().client();
    probe = new MatrixProbe(loadKubeconfig(drydock().kubeconfigPath, 'rbac-matrix-e2e'));
    await createMatrixCluster(client);
    const people = subjects.map((subject) => subject.user).filter((user) => !user.startsWith('system:'));
    const asAdmin = { user: '', groups: [] };
    tokens = await issueUserTokens(client, people, (method, path) => probe.request(asAdmin, method, path));
    tokens.set('system:serviceaccount:alpha:robot', await issueRobotToken((method, path, body) => probe.request(asAdmin, method, path, body)));
    tokenProbe = new MatrixProbe(loadKubeconfig(drydock().kubeconfigPath, 'rbac-matrix-e2e'), tokens);
    // Logs and exec need the pods running; bindings reach the authorizer through its watch cache.
    for (const namespace of matrixNamespaces) {
      await eventually(`pod ${namespace}/p running`, async () => ((await client.get(resources.pods, namespace, 'p'))?.status as { phase?: string } | undefined)?.phase === 'Running', 120_000);
    }
    await eventually('every binding in effect', async () => {
      const answers = await Promise.all([
        probe.subjectAccessReview(subjects[1], { namespace: 'alpha', verb: 'create', group: '', resource: 'pods' }),
        probe.subjectAccessReview(subjects[1], { namespace: 'beta', verb: 'list', group: '', resource: 'pods' }),
        probe.subjectAccessReview(subjects[2], { verb: 'list', group: '', resource: 'pods' }),
        probe.subjectAccessReview(subjects[3], { namespace: 'beta', verb: 'delete', group: 'apps', resource: 'deployments' }),
        probe.subjectAccessReview(subjects[0], { namespace: 'alpha', verb: 'get', group: '', resource: 'pods' }),
        probe.subjectAccessReview(subjects[5], { namespace: 'alpha', verb: 'get', group: '', resource: 'configmaps', name: 'public' }),
        probe.subjectAccessReview(subjects[6], { namespace: 'alpha', verb: 'list', group: '', resource: 'configmaps' }),
      ]);
      // dan's token carries his team `devs` as a group once the team controller wrote his status.teams.
      const dan = await tokenProbe.rest(subjects[3], 'GET', '/apis/apps/v1/namespaces/beta/deployments');
      return answers.every(Boolean) && dan === 'allowed';
    }, 30_000);
  }, 240_000);
  afterAll(() => {
    probe?.close();
    tokenProbe?.close();
  });

  it('has no leak and no wrong denial through REST, watch, logs, exec, GraphQL and SubjectAccessReview', async () => {
    // Every check as the admin impersonating the subject, then (but SubjectAccessReview, asked as the
    // admin either way) with the subject's own token.
    const impersonated = matrixChecks();
    const withTokens = matrixChecks().filter((check) => check.way !== 'SubjectAccessReview');
    const checks = [...impersonated, ...withTokens];
    const outcomes = [...(await runAll(impersonated, probe)), ...(await runAll(withTokens, tokenProbe))];
    const mode = (i: number) => (i < impersonated.length ? 'impersonated' : 'own token');
    const wrong = checks.map((check, i) => ({ check, outcome: outcomes[i], mode: mode(i) })).filter(({ check, outcome }) => outcome !== (check.expected ? 'allowed' : 'denied'));
    const leaks = wrong.filter(({ check, outcome }) => !check.expected && outcome !== 'denied');
    const byWay = (way: string) => checks.filter((check) => check.way === way).length;
    process.stdout.write(`[rbac matrix] ${checks.length} checks (REST ${byWay('REST')}, watch ${byWay('watch')}, log ${byWay('log')}, exec ${byWay('exec')}, GraphQL ${byWay('GraphQL')}, SubjectAccessReview ${byWay('SubjectAccessReview')}), ${checks.filter((c) => c.expected).length} expected allowed; leaks ${leaks.length}, other mismatches ${wrong.length - leaks.length}\n`);
    expect(leaks.map(({ check, outcome, mode }) => `[${mode}] ${describeCheck(check, outcome)}`)).toEqual([]);
    expect(wrong.map(({ check, outcome, mode }) => `[${mode}] ${describeCheck(check, outcome)}`)).toEqual([]);
    expect(checks.length).toBeGreaterThan(1300);
  });

  it('delivers GraphQL subscriptions only where the subject may watch, and refuses them elsewhere', async () => {
    const client = drydock().client();
    // Each subject impersonated, and again with its own token.
    const impersonated = subscriptionCells();
    const withTokens = subscriptionCells();
    const cells = [...impersonated, ...withTokens];
    const handles = cells.map((cell, i) => (i < impersonated.length ? probe : tokenProbe).subscribe(cell.subject, subscriptionQuery(cell.namespace), 'objectChanges'));
    // Touch the pods until every subscription has either delivered a change or been refused (one that
    // does neither within the bound is reported below as such).
    let touch = 0;
    try {
      await eventually('every subscription answered', async () => {
        touch++;
        for (const namespace of matrixNamespaces) await client.patch(resources.pods, namespace, 'p', { metadata: { annotations: { 'rbac-matrix/touch': String(touch) } } }, 'merge');
        await new Promise((resolve) => setTimeout(resolve, 500));
        return handles.every((handle) => handle.error || handle.deliveries.length > 0);
      }, 60_000).catch(() => undefined);
    } finally {
      handles.forEach((handle) => handle.dispose());
    }
    const outcomes = cells.map((cell, i) => subscriptionOutcome(cell, handles[i]));
    const wrong = cells.map((cell, i) => ({ cell, outcome: outcomes[i], mode: i < impersonated.length ? 'impersonated' : 'own token' })).filter(({ cell, outcome }) => outcome !== (cell.expected ? 'allowed' : 'denied'));
    process.stdout.write(`[rbac matrix] ${cells.length} subscriptions, ${cells.filter((c) => c.expected).length} expected to deliver; mismatches ${wrong.length}\n`);
    expect(wrong.map(({ cell, outcome, mode }) => `[${mode}] ${describeSubscription(cell, outcome)}`)).toEqual([]);
  });

  it('refuses impersonation through /graphql to a user without the impersonate verb, as REST does', async () => {
    const answer = await probe.rawGraphql({ Authorization: `Bearer ${tokens.get('ann')}`, 'Impersonate-User': 'ben' }, '{ me { name } }');
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.text).errors[0]).toMatchObject({ message: 'users "ben" is forbidden: User "ann" cannot impersonate resource "users" in API group "" at the cluster scope', extensions: { code: 'Forbidden', status: 403 } });
    const own = await probe.rawGraphql({ Authorization: `Bearer ${tokens.get('ann')}` }, '{ me { name } }');
    expect(JSON.parse(own.text).data).toEqual({ me: { name: 'ann' } });
  });

  it('left every object in place (the writes it tried were dry runs)', async () => {
    const client = drydock().client();
    for (const namespace of matrixNamespaces) {
      expect((await client.list(resources.configmaps, { namespace })).items.map((c) => c.metadata.name).sort()).toEqual(expect.arrayContaining(['private', 'public']));
      expect(await client.get(resources.pods, namespace, 'p')).not.toBeNull();
      expect((await client.list(resources.pods, { namespace })).items.map((p) => p.metadata.name)).toEqual(['p']);
    }
  });
});
