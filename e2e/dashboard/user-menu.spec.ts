import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { runKubectl } from './support/kubectl';
import { eventually, useDashboard } from './support/use-dashboard';

/**
 * A team member's own session (issue 9): dana, a viewer of team blue, signs in with her name and the
 * password she chose through her sign-in link, sees only blue, finds Scale disabled with the reason,
 * downloads a kubeconfig from the user menu and uses it with the real kubectl; the Audit page tells her
 * No permission, and shows the admin what she did.
 */
const dashboard = useDashboard({ name: 'user-menu', nodes: 1 });
const password = 'a long and private passphrase';

const setup = `apiVersion: drydock.dev/v1
kind: User
metadata: {name: dana}
spec: {displayName: Dana}
---
apiVersion: drydock.dev/v1
kind: Team
metadata: {name: blue}
spec:
  members: [{user: dana, role: view}]
  namespaces: [blue]
`;

const webYaml = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: blue}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx:1.27}]}
`;

describe("a team member's user menu: sign-in by name and password, kubeconfig, tokens, sign-out", () => {
  let dana: { context: BrowserContext; page: Page } | undefined;
  let kubeconfigFile = '';
  afterAll(async () => {
    await dana?.context.close();
  });

  test('dana signs in with her name and password, sees only blue and a disabled action with its reason', async () => {
    const { kubectl, kubectlResult, browser, url, step, screenshot } = dashboard();
    await kubectl(['apply', '-f', '-'], setup);
    await eventually('the RoleBinding team-blue-view', async () => (await kubectlResult(['get', 'rolebinding', 'team-blue-view', '-n', 'blue'])).code === 0, 60_000);
    await kubectl(['apply', '-f', '-'], webYaml);
    const link = JSON.parse(await kubectl(['create', '--raw', '/apis/drydock.dev/v1/users/dana/signinlink', '-f', '/dev/null'])) as { status: { path: string } };
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    const page = await context.newPage();
    dana = { context, page };
    await step('dana chooses her password through the link, then signs out from the user menu', async () => {
      await page.goto(`${url}${link.status.path}`);
      await page.getByLabel('New password').fill(password);
      await page.getByLabel('The same again').fill(password);
      await page.getByRole('button', { name: 'Set password and continue' }).click();
      await page.waitForURL((u) => u.pathname === '/', { timeout: 20_000 });
      await eventually('her name in the user menu', async () => (await page.getByTestId('signed-in-user').innerText()) === 'dana', 30_000);
      await page.getByTestId('signed-in-user').click();
      await page.getByRole('menuitem', { name: 'Sign out' }).click();
      // The pages' own queries, answered 401 now, may redirect to /login?next=… as well: wait for the form, not one navigation.
      await page.getByRole('heading', { name: 'Sign in to Drydock' }).waitFor({ timeout: 20_000 });
      expect(new URL(page.url()).pathname).toBe('/login');
    });
    await step('dana signs in with her name and password', async () => {
      await page.goto(`${url}/login?with=password`);
      await page.getByLabel('Name').fill('dana');
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((u) => u.pathname === '/', { timeout: 20_000 });
    });
    await step('the pods page offers only blue', async () => {
      await page.goto(`${url}/pods`);
      await eventually('the namespace picker filled', async () => (await page.locator('[data-testid="namespace-filter"] option').allInnerTexts()).length === 2, 30_000);
      expect(await page.locator('[data-testid="namespace-filter"] option').allInnerTexts()).toEqual(['All my namespaces', 'blue']);
    });
    await step('the Deployment page disables Scale and says why', async () => {
      await page.goto(`${url}/workloads/Deployment/blue/web`);
      const reasons = page.getByTestId('denied-reasons');
      await reasons.waitFor({ timeout: 30_000 });
      expect(await reasons.innerText()).toContain('You cannot update deployments/scale in blue (RBAC)');
      expect(await page.getByRole('button', { name: 'Scale' }).isDisabled()).toBe(true);
      await screenshot('dana-deployment-scale-disabled', page);
    });
  });

  test('the user menu downloads a kubeconfig that works with kubectl: allowed in blue, Forbidden elsewhere', async () => {
    const { step, screenshot } = dashboard();
    const page = dana!.page;
    await step('download the kubeconfig from the user menu', async () => {
      await page.getByTestId('signed-in-user').click();
      await screenshot('dana-user-menu', page);
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByRole('menuitem', { name: 'Download kubeconfig' }).click()]);
      expect(download.suggestedFilename()).toBe('dana.kubeconfig');
      kubeconfigFile = join(mkdtempSync(join(tmpdir(), 'drydock-dana-')), 'dana.kubeconfig');
      await download.saveAs(kubeconfigFile);
      expect(readFileSync(kubeconfigFile, 'utf8')).toContain('name: dana');
    });
    const home = mkdtempSync(join(tmpdir(), 'drydock-dana-kubectl-'));
    const env = { PATH: process.env.PATH, HOME: home, KUBECONFIG: kubeconfigFile, KUBECACHEDIR: join(home, 'cache') };
    await step('kubectl with it lists blue and is Forbidden in default with upstream\'s message', async () => {
      const allowed = await runKubectl(['get', 'deployments', '-n', 'blue', '-o', 'name'], env);
      expect(allowed).toMatchObject({ code: 0, stdout: 'deployment.apps/web\n' });
      const refused = await runKubectl(['get', 'pods', '-n', 'default'], env);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toBe('Error from server (Forbidden): pods is forbidden: User "dana" cannot list resource "pods" in API group "" in the namespace "default"\n');
    });
    await step('her tokens list the new one', async () => {
      await page.getByRole('menuitem', { name: 'My tokens' }).click();
      await eventually('the dashboard token listed', async () => /dashboard-/.test(await page.getByTestId('tokens-dana').innerText({ timeout: 10_000 })), 30_000);
      await screenshot('dana-tokens', page);
    });
  });

  test('the Audit page says No permission to dana and shows the admin her requests', async () => {
    const { page, url, step, screenshot, signIn } = dashboard();
    await step('dana: No permission', async () => {
      await dana!.page.goto(`${url}/audit`);
      await dana!.page.getByTestId('no-permission').waitFor({ timeout: 30_000 });
      expect(await dana!.page.getByTestId('no-permission').innerText()).toContain('auditevents');
      await screenshot('dana-audit-no-permission', dana!.page);
    });
    await step("the admin filters the log by dana's name and sees her Forbidden request", async () => {
      await signIn();
      await page.goto(`${url}/audit?user=dana&code=403`);
      await eventually("dana's refused list of pods in default", async () => {
        await page.reload();
        const table = page.getByTestId('audit-table');
        // The log is written in batches about once a second: until then the page says no request matches.
        await table.or(page.getByText('No requests match')).first().waitFor({ timeout: 30_000 });
        return (await table.count()) > 0 && /dana[\s\S]*list[\s\S]*pods[\s\S]*default[\s\S]*403/.test(await table.innerText());
      }, 60_000);
      await screenshot('admin-audit-dana', page);
    });
  });
});
