import { stringify } from 'yaml';
import { pasteIntoEditor } from './support/screen';
import { eventually, useDashboard } from './support/use-dashboard';

/**
 * All kinds (issue 15): a kind the dashboard has no page of its own for, and a custom resource of a CRD
 * applied at run time, listed with the printer columns of their Table output and opened with their YAML
 * and relations; edited as YAML (dry-run diff, then the generated replace mutation, the API's refusals
 * shown as it answered them) and deleted after a confirmation.
 */
const dashboard = useDashboard({ name: 'kinds', nodes: 1 });

const widgets = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd]}
  versions:
    - name: v1
      served: true
      storage: true
      additionalPrinterColumns:
        - {name: Color, type: string, jsonPath: .spec.color}
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec: {type: object, properties: {color: {type: string}}}
`;

describe('all kinds: the generic pages', () => {
  test('a ConfigMap and a custom resource of a CRD applied at run time, listed with their columns and opened', async () => {
    const { page, open, step, screenshot, signIn, kubectl } = dashboard();
    await signIn();
    await kubectl(['create', 'configmap', 'settings', '-n', 'default', '--from-literal=mode=demo']);
    await step('the kinds index lists the core group and its ConfigMaps', async () => {
      await open('/kinds');
      await page.getByRole('heading', { level: 1, name: 'All kinds' }).waitFor({ timeout: 20_000 });
      await page.getByTestId('kind-group-core').getByRole('link', { name: 'ConfigMap', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'ConfigMap' }).waitFor({ timeout: 20_000 });
      await page.getByTestId('kind-table').waitFor({ timeout: 20_000 });
      const headers = await page.getByTestId('kind-table').locator('th').allInnerTexts();
      expect(headers.map((header) => header.trim().toUpperCase())).toEqual(['NAMESPACE', 'NAME', 'DATA', 'AGE']);
      await page.getByRole('link', { name: 'settings', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'settings' }).waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('yaml-view').innerText()).toContain('mode: demo');
      await screenshot('configmap');
    });
    await step('a Widget applied after the CRD appears with its Color column', async () => {
      await kubectl(['apply', '-f', '-'], widgets);
      await eventually('the CRD established', async () => (await dashboard().kubectlResult(['get', 'widgets', '-A'])).code === 0, 60_000);
      await kubectl(['apply', '-f', '-'], 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: blue-one, namespace: default}\nspec: {color: blue}\n');
      await open('/kinds/example.com/v1/widgets?namespace=default');
      await page.getByTestId('kind-table').waitFor({ timeout: 20_000 });
      const headers = await page.getByTestId('kind-table').locator('th').allInnerTexts();
      // As upstream: a CRD naming its printer columns gets Name and those (Age only by default, when it names none).
      expect(headers.map((header) => header.trim().toUpperCase())).toEqual(['NAME', 'COLOR']);
      expect(await page.getByTestId('kind-table').innerText()).toContain('blue');
      await page.getByRole('link', { name: 'blue-one', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'blue-one' }).waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('yaml-view').innerText()).toContain('color: blue');
      await page.getByTestId('related-owners').waitFor({ timeout: 20_000 });
      await screenshot('widget');
    });
    await step('the Widget edited as YAML: its colour saved through replaceComExampleV1Widget', async () => {
      await page.getByRole('button', { name: 'Edit YAML' }).click();
      await pasteIntoEditor(page, stringify(await liveObject(['widget', 'blue-one', '-n', 'default'], (widget) => ((widget.spec as Record<string, unknown>).color = 'green'))));
      await page.getByRole('button', { name: 'Preview' }).click();
      await page.getByTestId('diff-view').getByText('+  color: green').waitFor({ timeout: 20_000 });
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText(/^Saved: resourceVersion \d+\.$/).waitFor({ timeout: 20_000 });
      expect(await kubectl(['get', 'widget', 'blue-one', '-n', 'default', '-o', 'jsonpath={.spec.color}'])).toBe('green');
    });
  });

  test('a ConfigMap edited as YAML: a dry-run diff first, then saved; a conflict and an invalid key refused with the API words; deleted after a confirmation', async () => {
    const { page, open, step, screenshot, signIn, kubectl, kubectlResult } = dashboard();
    await signIn();
    await kubectl(['create', 'configmap', 'tuning', '-n', 'default', '--from-literal=mode=demo']);
    await open('/kinds/core/v1/configmaps/tuning?namespace=default');
    await page.getByRole('heading', { level: 1, name: 'tuning' }).waitFor({ timeout: 20_000 });
    await step('the change is previewed as a server dry run, then saved', async () => {
      await page.getByRole('button', { name: 'Edit YAML' }).click();
      await pasteIntoEditor(page, stringify(await liveObject(['configmap', 'tuning', '-n', 'default'], (map) => ((map.data as Record<string, string>).mode = 'live'))));
      const save = page.getByRole('button', { name: 'Save' });
      expect(await save.isDisabled()).toBe(true);
      await page.getByRole('button', { name: 'Preview' }).click();
      const diff = page.getByTestId('diff-view');
      await diff.getByText('+  mode: live').waitFor({ timeout: 20_000 });
      // Both sides in kubectl's key order: the diff is the change and nothing else.
      const changed = (await diff.innerText()).split('\n').filter((line) => /^[-+](?![-+]{2})/.test(line));
      expect(changed).toEqual(['-  mode: demo', '+  mode: live']);
      // A dry run stores nothing.
      expect(await kubectl(['get', 'configmap', 'tuning', '-n', 'default', '-o', 'jsonpath={.data.mode}'])).toBe('demo');
      await screenshot('edit-preview');
      await save.click();
      await page.getByText(/^Saved: resourceVersion \d+\.$/).waitFor({ timeout: 20_000 });
      expect(await kubectl(['get', 'configmap', 'tuning', '-n', 'default', '-o', 'jsonpath={.data.mode}'])).toBe('live');
      await eventually('the YAML view shows the saved object', async () => (await page.getByTestId('yaml-view').innerText()).includes('mode: live'), 20_000);
    });
    await step('an edit of a version someone else changed since gets 409 Conflict, and starts again from the live object', async () => {
      await page.getByRole('button', { name: 'Edit YAML' }).click();
      const stale = await liveObject(['configmap', 'tuning', '-n', 'default'], (map) => ((map.data as Record<string, string>).mode = 'mine'));
      await kubectl(['patch', 'configmap', 'tuning', '-n', 'default', '--type=merge', '-p', '{"data":{"mode":"theirs"}}']);
      await pasteIntoEditor(page, stringify(stale));
      await page.getByRole('button', { name: 'Preview' }).click();
      const alert = page.getByTestId('kind-yaml-edit').getByRole('alert');
      await alert.waitFor({ timeout: 20_000 });
      const refusal = await alert.innerText();
      expect(refusal).toContain('(Conflict)');
      expect(refusal).toContain('Operation cannot be fulfilled on configmaps "tuning": the object has been modified; please apply your changes to the latest version and try again');
      await screenshot('edit-conflict');
      await page.getByRole('button', { name: 'Start again from the live object' }).click();
      await eventually('the editor holds the live object', async () => (await page.locator('[data-testid="kind-yaml-edit"] .cm-content').innerText()).includes('mode: theirs'), 20_000);
    });
    await step('an invalid key gets 422 Invalid with its field path', async () => {
      await pasteIntoEditor(page, stringify(await liveObject(['configmap', 'tuning', '-n', 'default'], (map) => ((map.data as Record<string, string>)['bad key!'] = 'x'))));
      await page.getByRole('button', { name: 'Preview' }).click();
      await page.getByTestId('kind-yaml-edit').getByRole('alert').getByText('(Invalid)').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('edit-causes').innerText()).toContain('data[bad key!]');
      await screenshot('edit-invalid');
      await page.getByRole('button', { name: 'Cancel' }).click();
      expect(await kubectl(['get', 'configmap', 'tuning', '-n', 'default', '-o', 'jsonpath={.data}'])).toBe('{"mode":"theirs"}');
    });
    await step('delete asks first, then deletes and returns to the list', async () => {
      await page.getByRole('button', { name: 'Delete' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('in namespace default').waitFor({ timeout: 10_000 });
      await screenshot('delete-confirm');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      expect((await kubectlResult(['get', 'configmap', 'tuning', '-n', 'default'])).code).toBe(0);
      await page.getByRole('button', { name: 'Delete' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
      await page.getByRole('heading', { level: 1, name: 'ConfigMap' }).waitFor({ timeout: 20_000 });
      const gone = await kubectlResult(['get', 'configmap', 'tuning', '-n', 'default']);
      expect(gone.code).not.toBe(0);
      expect(gone.stderr).toContain('configmaps "tuning" not found');
    });
  });
});

/** `kubectl get -o json` of an object without managedFields (what the editor shows), changed by `change`. */
async function liveObject(args: string[], change: (object: Record<string, unknown>) => void): Promise<Record<string, unknown>> {
  const object = await dashboard().getJson<Record<string, unknown> & { metadata: Record<string, unknown> }>(args);
  delete object.metadata.managedFields;
  change(object);
  return object;
}

describe('sandbox clusters: the Clusters page and the cluster switcher', () => {
  beforeAll(async () => {
    await dashboard().signIn();
  });

  test('creates a cluster, opens it (every page shows it), snapshots it, restores it, and switches back', async () => {
    const { page, open, step, screenshot, kubectl, kubectlResult } = dashboard();
    await step('Create cluster makes a sandbox that becomes Ready', async () => {
      await open('/clusters');
      await page.getByRole('heading', { level: 1, name: 'Clusters' }).waitFor({ timeout: 20_000 });
      await page.getByLabel('Cluster name').fill('lab');
      await page.getByLabel('Owner kind').selectOption('user');
      await page.getByLabel('Owner', { exact: true }).fill('alice');
      await page.getByLabel('Nodes', { exact: true }).fill('1');
      await page.getByRole('button', { name: 'Create cluster' }).click();
      const row = page.getByTestId('cluster-lab');
      await row.getByText(/^user\/alice · nodes 1\/1/).waitFor({ timeout: 60_000 });
      await row.getByText('Ready', { exact: true }).waitFor({ timeout: 60_000 });
    });
    const server = await kubectl(['get', 'cluster', 'lab', '-o', 'jsonpath={.status.server}']);
    await kubectl(['--server', server, 'create', 'configmap', 'only-in-lab', '--from-literal=a=b']);
    await step('Open shows lab on every page: its nodes, its ConfigMaps; the switcher says so', async () => {
      await page.getByTestId('cluster-lab').getByRole('button', { name: 'Open' }).click();
      await page.waitForURL((url) => url.pathname === '/', { timeout: 20_000 });
      await eventually('the switcher shows lab', async () => (await page.getByLabel('Cluster', { exact: true }).inputValue()) === 'lab');
      await open('/kinds/core/v1/configmaps');
      await page.getByText('only-in-lab').first().waitFor({ timeout: 30_000 });
      await open('/nodes');
      await page.getByText('node-1').first().waitFor({ timeout: 30_000 });
      await screenshot('cluster-lab-nodes');
    });
    await step('Snapshot, break, Restore: the ConfigMap is back', async () => {
      await open('/clusters');
      await page.getByTestId('cluster-lab').getByRole('button', { name: 'Snapshot' }).click();
      const snapshot = page.getByTestId('snapshot-list').locator('li', { hasText: 'of lab' });
      await snapshot.getByText(/objects at revision \d+/).waitFor({ timeout: 30_000 });
      await kubectl(['--server', server, 'delete', 'configmap', 'only-in-lab']);
      await snapshot.getByRole('button', { name: 'Restore lab' }).click();
      await snapshot.getByText('restored').waitFor({ timeout: 30_000 });
      expect((await kubectlResult(['--server', server, 'get', 'configmap', 'only-in-lab', '-o', 'name'])).stdout.trim()).toBe('configmap/only-in-lab');
      await screenshot('clusters-page');
    });
    await step('the switcher goes back to the default cluster, where lab\'s ConfigMap is not', async () => {
      await page.getByLabel('Cluster', { exact: true }).selectOption('default');
      await page.waitForURL((url) => url.pathname === '/', { timeout: 20_000 });
      await eventually('the switcher shows default', async () => (await page.getByLabel('Cluster', { exact: true }).inputValue()) === 'default');
      await open('/kinds/core/v1/configmaps');
      await page.getByText('kube-root-ca.crt').first().waitFor({ timeout: 30_000 });
      expect(await page.getByText('only-in-lab').count()).toBe(0);
    });
  });
});
