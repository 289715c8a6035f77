import { eventually, useDashboard } from './support/use-dashboard';

/**
 * All kinds (issue 15): a kind the dashboard has no page of its own for, and a custom resource of a CRD
 * applied at run time, listed with the printer columns of their Table output and opened with their YAML
 * and relations.
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
  });
});
