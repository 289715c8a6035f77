import type { BrowserContext, Page } from 'playwright-core';
import { parse } from 'yaml';
import { eventually, useDashboard } from './support/use-dashboard';

/**
 * Teams in the dashboard (issue 9): the admin adds a user and a team on the Users & teams page; that user,
 * signed in with a token of their own, sees only the team's namespace in the pickers, "No permission" once
 * where they may list nothing, actions they may not take disabled with the reason, and their rules as a matrix.
 */
const dashboard = useDashboard({ name: 'access', nodes: 2 });

const webYaml = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: green}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx:1.27}]}
`;

async function optionsOf(page: Page, testId: string): Promise<string[]> {
  return page.locator(`[data-testid="${testId}"] option`).allInnerTexts();
}

describe('users and teams: what a team member sees and may do', () => {
  let bob: { context: BrowserContext; page: Page } | undefined;
  afterAll(async () => {
    await bob?.context.close();
  });

  test('the admin adds a user and a team with a view member on the Users & teams page', async () => {
    const { page, open, step, screenshot, signIn, getJson } = dashboard();
    await signIn();
    await step('add the user bob', async () => {
      await open('/people');
      await page.getByRole('heading', { level: 1, name: 'Users & teams' }).waitFor({ timeout: 20_000 });
      await page.getByLabel('User name', { exact: true }).fill('bob');
      await page.getByLabel('Display name').fill('Bob Builder');
      await page.getByRole('button', { name: 'Add user' }).click();
      await page.getByTestId('user-bob').waitFor({ timeout: 20_000 });
      expect((await getJson<{ spec: { displayName: string } }>(['user', 'bob'])).spec.displayName).toBe('Bob Builder');
    });
    await step('add the team green (namespace green) and bob as a viewer', async () => {
      await page.getByLabel('Team name', { exact: true }).fill('green');
      await page.getByLabel('Team namespaces').fill('green');
      await page.getByRole('button', { name: 'Add team' }).click();
      await page.getByTestId('team-green').waitFor({ timeout: 20_000 });
      await page.getByLabel('New member of green', { exact: true }).selectOption('bob');
      await page.getByLabel('Role of the new member of green').selectOption('view');
      await page.getByTestId('team-green').getByRole('button', { name: 'Add', exact: true }).click();
      await page.getByLabel('Role of bob in green', { exact: true }).waitFor({ timeout: 20_000 });
      const team = await getJson<{ spec: { members: { user: string; role: string }[]; namespaces: string[] } }>(['team', 'green']);
      expect(team.spec).toMatchObject({ members: [{ user: 'bob', role: 'view' }], namespaces: ['green'] });
      // The team controller makes the namespace and binds bob to view in it.
      await eventually('the RoleBinding team-green-view', async () => (await dashboard().kubectlResult(['get', 'rolebinding', 'team-green-view', '-n', 'green'])).code === 0, 60_000);
      await eventually("bob's team on the page", async () => {
        await page.reload();
        return /green \(view\)/.test(await page.getByTestId('user-bob').innerText({ timeout: 10_000 }));
      }, 60_000);
    });
    await step("make bob a one-time sign-in link (the API server's users/bob/signinlink)", async () => {
      await page.getByTestId('user-bob').getByRole('button', { name: 'Sign-in link' }).click();
      const issued = page.getByTestId('sign-in-link-bob');
      await issued.waitFor({ timeout: 20_000 });
      expect(await issued.innerText()).toMatch(/\/login\?link=\S+/);
      await screenshot('admin-users-and-teams');
    });
  });

  test('bob, signed in with his own token, sees only green, no nodes, and Scale disabled with the reason', async () => {
    const { kubectl, browser, url, step, screenshot } = dashboard();
    await kubectl(['apply', '-f', '-'], webYaml);
    await kubectl(['rollout', 'status', 'deployment/web', '-n', 'green', '--timeout=120s']);
    const kubeconfig = parse(await kubectl(['create', '--raw', '/apis/drydock.dev/v1/users/bob/kubeconfig', '-f', '/dev/null'])) as { users: { user: { token: string } }[] };
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    bob = { context, page };
    await step('bob signs in with his token', async () => {
      await page.goto(`${url}/login`);
      await page.getByLabel('Token').fill(kubeconfig.users[0].user.token);
      await page.getByRole('button', { name: /sign in/i }).click();
      await page.waitForURL((u) => u.pathname === '/', { timeout: 20_000 });
    });
    await step('the overview says once that bob may not list nodes', async () => {
      await page.getByTestId('no-permission').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('no-permission').count()).toBe(1);
      expect(await page.getByTestId('no-permission').innerText()).toMatch(/cannot list resource "nodes"/);
      // The summary counts what bob can see and says what it leaves out.
      await page.getByTestId('summary-forbidden').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('summary-forbidden').innerText()).toContain('nodes');
      await screenshot('bob-overview', page);
    });
    await step('the pods page offers only his namespace and lists its pods', async () => {
      await page.goto(`${url}/pods`);
      await eventually('the namespace picker filled', async () => (await optionsOf(page, 'namespace-filter')).length === 2, 30_000);
      expect(await optionsOf(page, 'namespace-filter')).toEqual(['All my namespaces', 'green']);
      await page.getByText(/^web-/).first().waitFor({ timeout: 30_000 });
      await screenshot('bob-pods', page);
    });
    await step('the Deployment page disables Scale and Restart and says why', async () => {
      await page.goto(`${url}/workloads/Deployment/green/web`);
      const reasons = page.getByTestId('denied-reasons');
      await reasons.waitFor({ timeout: 30_000 });
      expect(await reasons.innerText()).toContain('You cannot update deployments/scale in green (RBAC)');
      expect(await reasons.innerText()).toContain('You cannot patch deployments in green (RBAC)');
      expect(await page.getByRole('button', { name: 'Scale' }).isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: 'Scale' }).getAttribute('title')).toBe('you cannot update deployments/scale in green (RBAC)');
      expect(await page.getByRole('button', { name: 'Restart' }).isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: 'Set image…' }).isDisabled()).toBe(true);
      await screenshot('bob-deployment-actions-disabled', page);
    });
    await step('My access shows his rules in green as a matrix', async () => {
      await page.goto(`${url}/access`);
      await page.getByTestId('access-matrix').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('whoami').innerText()).toBe('bob');
      const podsRow = page.getByTestId('access-matrix').getByRole('row', { name: /^pods\b/ }).first();
      expect(await podsRow.getByLabel('allowed', { exact: true }).count()).toBe(3); // get, list, watch
      await screenshot('bob-access-matrix', page);
    });
  });
});
