import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Request as BrowserRequest, Response as BrowserResponse } from 'playwright-core';
import { stringify } from 'yaml';
import { runHelm } from './support/kubectl';
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
    await step('the CRD itself edited as YAML: a field the typed inputs rename (x-kubernetes-preserve-unknown-fields) saved as written', async () => {
      await open('/kinds/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com');
      await page.getByRole('heading', { level: 1, name: 'widgets.example.com' }).waitFor({ timeout: 20_000 });
      await page.getByRole('button', { name: 'Edit YAML' }).click();
      const edited = await liveObject(['crd', 'widgets.example.com'], (crd) => {
        const spec = ((crd.spec as { versions: { schema: { openAPIV3Schema: { properties: { spec: Record<string, unknown> } } } }[] }).versions[0].schema.openAPIV3Schema.properties.spec);
        spec['x-kubernetes-preserve-unknown-fields'] = true;
      });
      await pasteIntoEditor(page, stringify(edited));
      await page.getByRole('button', { name: 'Preview' }).click();
      await page.getByTestId('diff-view').getByText('x-kubernetes-preserve-unknown-fields: true').waitFor({ timeout: 20_000 });
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText(/^Saved: resourceVersion \d+\.$/).waitFor({ timeout: 20_000 });
      expect(await kubectl(['get', 'crd', 'widgets.example.com', '-o', 'jsonpath={.spec.versions[0].schema.openAPIV3Schema.properties.spec.x-kubernetes-preserve-unknown-fields}'])).toBe('true');
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

const shop = `apiVersion: v1
kind: Service
metadata: {name: shop, namespace: default}
spec:
  selector: {app: shop}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: Secret
metadata: {name: shop-keys, namespace: default}
stringData: {token: s3cret-value}
---
apiVersion: v1
kind: Pod
metadata: {name: shop-ready, namespace: default, labels: {app: shop}}
spec:
  containers:
    - name: web
      image: nginx
      envFrom: [{secretRef: {name: shop-keys}}]
---
apiVersion: v1
kind: Pod
metadata: {name: shop-waiting, namespace: default, labels: {app: shop}}
spec:
  containers:
    - name: web
      image: nginx
      readinessProbe: {exec: {command: [cat, /tmp/ready]}, periodSeconds: 1}
---
apiVersion: v1
kind: Pod
metadata: {name: other, namespace: default, labels: {app: other}}
spec:
  containers: [{name: web, image: nginx}]
`;

describe('pages of their own: a Service, a Secret, a role binding', () => {
  test('a Service page lists its ready pods (and the selected one that is not ready), and its endpoints', async () => {
    const { page, open, step, screenshot, signIn, kubectl } = dashboard();
    await signIn();
    await kubectl(['apply', '-f', '-'], shop);
    await eventually('shop-ready Ready', async () => (await kubectl(['get', 'pod', 'shop-ready', '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}'])) === 'True', 60_000);
    await eventually('shop-waiting Running', async () => (await kubectl(['get', 'pod', 'shop-waiting', '-o', 'jsonpath={.status.phase}'])) === 'Running', 60_000);
    await step('the Service page: shop-ready Ready with an endpoint, shop-waiting selected but not ready, other not listed', async () => {
      await open('/kinds/core/v1/services/shop?namespace=default');
      const pods = page.getByTestId('service-pods');
      await pods.locator('[data-pod="shop-ready"][data-ready="true"]').waitFor({ timeout: 30_000 });
      await pods.locator('[data-pod="shop-waiting"][data-ready="false"]').waitFor({ timeout: 30_000 });
      expect(await pods.locator('[data-pod="other"]').count()).toBe(0);
      expect(await pods.innerText()).toContain('selector app=shop');
      const endpoints = page.getByTestId('service-endpoints');
      await endpoints.locator('[data-endpoint="shop-ready"][data-ready="true"]').waitFor({ timeout: 30_000 });
      const readyIp = await kubectl(['get', 'pod', 'shop-ready', '-o', 'jsonpath={.status.podIP}']);
      expect(await endpoints.innerText()).toContain(readyIp);
      expect(await endpoints.innerText()).toContain('8080/TCP');
      await screenshot('service');
    });
    await step('a Secret page reads it without its values, in persisted queries; Reveal is a read of its own that the audit log names', async () => {
      const value = 's3cret-value';
      const encoded = Buffer.from(value).toString('base64');
      const answers: string[] = [];
      const bodies: Record<string, unknown>[] = [];
      const onRequest = (request: BrowserRequest) => void (request.url().endsWith('/graphql') && request.method() === 'POST' && bodies.push(JSON.parse(request.postData() ?? '{}')));
      const onResponse = (response: BrowserResponse) => void (response.url().endsWith('/graphql') && response.text().then((text) => answers.push(text), () => undefined));
      page.on('request', onRequest);
      page.on('response', onResponse);
      const revealsAudited = async () => (await dashboard().getJson<{ items: { verb: string; userAgent?: string }[] }>(['auditevents', '-n', 'default', '--field-selector', 'objectRef.resource=secrets,objectRef.name=shop-keys'])).items;
      await open('/kinds/core/v1/secrets/shop-keys?namespace=default');
      const data = page.getByTestId('secret-data');
      await data.locator('[data-key="token"]').waitFor({ timeout: 20_000 });
      await page.getByTestId('used-by-pods').getByRole('link', { name: 'shop-ready' }).waitFor({ timeout: 20_000 });
      expect(await page.locator('body').innerText()).not.toContain(value);
      expect(await page.getByTestId('yaml-view').innerText()).toContain('token: <hidden>');
      // What the page's reads brought into the browser: never the values (nor kubectl apply's copy of them).
      await eventually('the answers read', async () => answers.length >= bodies.length && bodies.length >= 3);
      expect(answers.filter((answer) => answer.includes(value) || answer.includes(encoded))).toEqual([]);
      // Every operation went as a persisted query (its SHA-256), a document the server knew by its hash alone.
      expect(bodies.every((body) => typeof (body.extensions as { persistedQuery?: { sha256Hash?: string } } | undefined)?.persistedQuery?.sha256Hash === 'string')).toBe(true);
      expect(bodies.some((body) => body.operationName === 'KindObject' && body.query === undefined)).toBe(true);
      expect((await revealsAudited()).filter((event) => event.userAgent?.includes('(operation SecretReveal)'))).toEqual([]);
      await screenshot('secret-hidden');
      await data.getByRole('button', { name: 'Reveal values' }).click();
      await data.getByText(value).waitFor({ timeout: 20_000 });
      const reveals = await eventually('the reveal audited', async () => {
        const events = (await revealsAudited()).filter((event) => event.userAgent?.includes('(operation SecretReveal)'));
        return events.length > 0 && events;
      });
      expect(reveals.map((event) => event.verb)).toEqual(['get']);
      expect(JSON.stringify(await revealsAudited())).not.toMatch(new RegExp(`${value}|${encoded}`));
      await screenshot('secret-revealed');
      await data.getByRole('button', { name: 'Hide values' }).click();
      expect(await data.innerText()).not.toContain(value);
      page.off('request', onRequest);
      page.off('response', onResponse);
    });
    await step('a RoleBinding says who may do what', async () => {
      await kubectl(['create', 'role', 'pod-reader', '-n', 'default', '--verb=get,list', '--resource=pods']);
      await kubectl(['create', 'serviceaccount', 'reader', '-n', 'default']);
      await kubectl(['create', 'rolebinding', 'readers', '-n', 'default', '--role=pod-reader', '--serviceaccount=default:reader', '--user=carol']);
      await open('/kinds/rbac.authorization.k8s.io/v1/rolebindings/readers?namespace=default');
      const access = page.getByTestId('binding-access');
      await access.getByTestId('rules-table').waitFor({ timeout: 20_000 });
      expect(await access.getByTestId('rules-table').innerText()).toMatch(/pods\s+—\s+get, list/);
      const subjects = await access.getByTestId('binding-subjects').innerText();
      expect(subjects).toContain('ServiceAccount default/reader exists');
      expect(subjects).toContain('User carol');
      await screenshot('rolebinding');
    });
    await step('a Role lists the bindings that grant it, and a ClusterRole its ClusterRoleBindings', async () => {
      await open('/kinds/rbac.authorization.k8s.io/v1/roles/pod-reader?namespace=default');
      const granted = page.getByTestId('role-bindings');
      const row = granted.locator('[data-binding="RoleBinding/readers"]');
      await row.waitFor({ timeout: 20_000 });
      const text = (await row.innerText()).replace(/\s+/g, ' ');
      expect(text).toContain('RoleBinding/readers namespace default');
      expect(text).toContain('ServiceAccount default/reader');
      expect(text).toContain('User carol');
      expect(await page.getByTestId('role-rules').innerText()).toMatch(/pods\s+—\s+get, list/);
      await screenshot('role');
      await open('/kinds/rbac.authorization.k8s.io/v1/clusterroles/cluster-admin');
      await page.getByTestId('role-bindings').locator('[data-binding="ClusterRoleBinding/cluster-admin"]').getByText('Group system:masters').waitFor({ timeout: 20_000 });
    });
  });
});

describe('Helm releases, from helm\'s own release Secrets', () => {
  test('a Helm release\'s history and rollback: installed and upgraded with the real helm, rolled back in the page, seen by helm history', async () => {
    const { page, open, step, screenshot, signIn, kubectl, dataDir } = dashboard();
    await signIn();
    const chart = mkdtempSync(join(tmpdir(), 'pages-chart-'));
    mkdirSync(join(chart, 'templates'));
    writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: hello\nversion: 0.1.0\nappVersion: "1.0.0"\n');
    writeFileSync(join(chart, 'values.yaml'), 'message: hello\n');
    writeFileSync(join(chart, 'templates', 'configmap.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-config\ndata:\n  message: {{ .Values.message | quote }}\n');
    const helm = async (...args: string[]) => {
      const result = await runHelm(args, { PATH: process.env.PATH, HOME: chart, KUBECONFIG: join(dataDir, 'kubeconfig') });
      if (result.code !== 0) throw new Error(`${result.command} exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
      return result.stdout;
    };
    await helm('install', 'greeter', chart, '-n', 'default');
    await helm('upgrade', 'greeter', chart, '-n', 'default', '--set', 'message=bye');
    await step('the list shows the release at revision 2 with its chart', async () => {
      await open('/helm');
      const row = page.getByTestId('helm-releases').locator('tr', { hasText: 'greeter' });
      await row.waitFor({ timeout: 30_000 });
      expect((await row.innerText()).replace(/\s+/g, ' ')).toMatch(/greeter default 2 .* deployed hello-0\.1\.0 1\.0\.0/);
      await row.getByRole('link', { name: 'greeter' }).click();
    });
    await step('the release page: both revisions, the values of 2, the manifest diff from 1 to 2', async () => {
      const history = page.getByTestId('helm-history');
      await history.locator('[data-revision="2"][data-status="deployed"]').waitFor({ timeout: 30_000 });
      await history.locator('[data-revision="1"][data-status="superseded"]').waitFor();
      expect(await page.getByTestId('helm-values').innerText()).toContain('message: bye');
      const diff = page.getByTestId('diff-view');
      await diff.getByText('-  message: "hello"').waitFor();
      await diff.getByText('+  message: "bye"').waitFor();
      await screenshot('helm-release');
    });
    await step('Roll back to 1 writes revision 3 as helm rollback does', async () => {
      await page.getByRole('button', { name: 'Roll back to 1' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Roll back' }).click();
      await page.getByText(/^Rolled back: revision 3 is deployed \(Rollback to 1\)\.$/).waitFor({ timeout: 30_000 });
      const history = page.getByTestId('helm-history');
      await history.locator('[data-revision="3"][data-status="deployed"]').waitFor({ timeout: 30_000 });
      await history.locator('[data-revision="2"][data-status="superseded"]').waitFor();
      expect(await kubectl(['get', 'configmap', 'greeter-config', '-n', 'default', '-o', 'jsonpath={.data.message}'])).toBe('hello');
      await screenshot('helm-rolled-back');
    });
    await step('the real helm sees it: history, values, and an upgrade after it', async () => {
      const history = await helm('history', 'greeter', '-n', 'default');
      expect(history).toMatch(/^2\s+.+\s+superseded\s+hello-0\.1\.0\s+1\.0\.0\s+Upgrade complete\s*$/m);
      expect(history).toMatch(/^3\s+.+\s+deployed\s+hello-0\.1\.0\s+1\.0\.0\s+Rollback to 1\s*$/m);
      expect(await helm('get', 'manifest', 'greeter', '-n', 'default')).toContain('message: "hello"');
      expect(await helm('upgrade', 'greeter', chart, '-n', 'default', '--set', 'message=again')).toMatch(/^REVISION: 4$/m);
      expect(await kubectl(['get', 'configmap', 'greeter-config', '-n', 'default', '-o', 'jsonpath={.data.message}'])).toBe('again');
    });
  });
});

const mapWeb = `apiVersion: v1
kind: ConfigMap
metadata: {name: map-settings, namespace: default}
data: {mode: demo}
---
apiVersion: v1
kind: Service
metadata: {name: map-web, namespace: default}
spec: {selector: {app: map-web}, ports: [{port: 80}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: map-web, namespace: default}
spec:
  replicas: 2
  selector: {matchLabels: {app: map-web}}
  template:
    metadata: {labels: {app: map-web}}
    spec:
      containers:
        - name: web
          image: nginx
          volumeMounts: [{name: settings, mountPath: /etc/settings}]
      volumes: [{name: settings, configMap: {name: map-settings}}]
`;

describe('the resource map', () => {
  test('the map of a Deployment: its ReplicaSet, pods, the node they run on, the ConfigMap they mount and the Service that selects them', async () => {
    const { page, open, step, screenshot, signIn, kubectl } = dashboard();
    await signIn();
    await kubectl(['apply', '-f', '-'], mapWeb);
    await kubectl(['rollout', 'status', 'deployment/map-web', '-n', 'default', '--timeout=90s']);
    const pods = (await kubectl(['get', 'pods', '-n', 'default', '-l', 'app=map-web', '-o', 'jsonpath={.items[*].metadata.name}'])).split(' ');
    const replicaSet = await kubectl(['get', 'rs', '-n', 'default', '-l', 'app=map-web', '-o', 'jsonpath={.items[0].metadata.name}']);
    await step('Map on the Deployment page draws the graph', async () => {
      await open('/kinds/apps/v1/deployments/map-web?namespace=default');
      await page.getByRole('link', { name: 'Map', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Map of map-web' }).waitFor({ timeout: 30_000 });
      await page.getByTestId('resource-map').waitFor({ timeout: 30_000 });
      const nodes = await page.getByTestId('map-node').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-node')));
      // kube-root-ca.crt: the ConfigMap of the ServiceAccount token's projected volume, which admission adds to every pod.
      expect(nodes.sort()).toEqual(['ConfigMap/kube-root-ca.crt', 'ConfigMap/map-settings', 'Deployment/map-web', 'Node/node-1', ...pods.map((pod) => `Pod/${pod}`), `ReplicaSet/${replicaSet}`, 'Service/map-web', 'ServiceAccount/default'].sort());
      const edges = await page.getByTestId('map-edge').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-edge')));
      expect(edges).toEqual(expect.arrayContaining([`Deployment/map-web->ReplicaSet/${replicaSet}:owns`, ...pods.flatMap((pod) => [`ReplicaSet/${replicaSet}->Pod/${pod}:owns`, `Service/map-web->Pod/${pod}:selects`, `Pod/${pod}->Node/node-1:runs on`, `Pod/${pod}->ConfigMap/map-settings:uses`])]));
      await screenshot('map-deployment');
    });
    await step('a box opens its object', async () => {
      await page.locator(`[data-node="Pod/${pods[0]}"]`).click();
      await page.waitForURL((url) => url.pathname === `/pods/default/${pods[0]}`, { timeout: 20_000 });
    });
  });
});

describe('the GraphQL explorer', () => {
  test('GraphiQL from the menu: the schema in its docs, a query run as the signed-in user, nothing loaded from another origin', async () => {
    const { page, open, step, screenshot, signIn, kubectl, getJson } = dashboard();
    await signIn();
    const origin = new URL(page.url()).origin;
    const elsewhere: string[] = [];
    const onRequest = (request: BrowserRequest) => void (!/^(data|blob):/.test(request.url()) && new URL(request.url()).origin !== origin && elsewhere.push(request.url()));
    page.on('request', onRequest);
    await step('the menu opens GraphiQL, whose docs show the generated schema', async () => {
      await open('/');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /GraphQL explorer/ }).click();
      await page.waitForURL((url) => url.pathname === '/graphiql', { timeout: 20_000 });
      await page.locator('.graphiql-container').waitFor({ timeout: 60_000 });
      // The page builds the whole schema from its introspection (over 1,000 types) on its main thread: on a
      // loaded machine the click waits for it.
      await page.getByRole('button', { name: 'Show Documentation Explorer' }).click({ timeout: 120_000 });
      await page.getByText('Root Types').waitFor({ timeout: 60_000 });
      await page.getByText('All Schema Types').waitFor({ timeout: 60_000 });
    });
    await step('the default query runs as the user: the Deployments of the cluster, through the dashboard server', async () => {
      const answer = page.waitForResponse((response) => response.url().endsWith('/graphql') && (response.request().postData() ?? '').includes('appsV1DeploymentList'));
      await page.getByRole('button', { name: /^Execute query/ }).click({ timeout: 120_000 });
      const body = (await (await answer).json()) as { data?: { appsV1DeploymentList?: { items: unknown[] } }; errors?: unknown };
      expect(body.errors).toBeUndefined();
      expect(Array.isArray(body.data?.appsV1DeploymentList?.items)).toBe(true);
      await page.getByLabel('Result Window').getByText('"appsV1DeploymentList"').waitFor({ timeout: 20_000 });
      await screenshot('graphiql');
      // The API server saw the signed-in user's list, made by GraphiQL's operation.
      const user = await kubectl(['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}']);
      const lists = await eventually('the explorer\'s list audited', async () => {
        const { items } = await getJson<{ items: { user?: { username?: string }; userAgent?: string }[] }>(['auditevents', '-A', '--field-selector', 'objectRef.resource=deployments,verb=list']);
        const mine = items.filter((event) => event.userAgent?.includes('(operation Deployments)'));
        return mine.length > 0 && mine;
      });
      expect(lists.map((event) => event.user?.username)).toEqual(lists.map(() => user));
    });
    page.off('request', onRequest);
    expect(elsewhere).toEqual([]);
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

  test('creates a cluster, opens it (every page shows it, its pods\' terminal too), snapshots it, restores it, and switches back', async () => {
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
    await step('the terminal is sh in a pod of lab (its exec under /clusters/lab)', async () => {
      await kubectl(['--server', server, 'run', 'shell', '--image=busybox', '--restart=Never', '--', 'sleep', '3600']);
      await eventually('shell Running in lab', async () => (await kubectlResult(['--server', server, 'get', 'pod', 'shell', '-o', 'jsonpath={.status.phase}'])).stdout === 'Running', 60_000);
      await open('/pods/default/shell?tab=terminal');
      await page.locator('[data-testid="terminal"][data-ready="true"]').waitFor({ timeout: 30_000 });
      const screen = async () => (await page.locator('.xterm-rows, .xterm-accessibility-tree').allInnerTexts()).join('\n').replace(/\u00a0/g, ' ');
      await eventually('the shell prompt', async () => /\/ # *$/.test(`${(await screen()).trimEnd()} `), 30_000, screen);
      await page.locator('[data-testid="terminal"] .xterm').click();
      await page.keyboard.type('hostname');
      await page.keyboard.press('Enter');
      await eventually('hostname prints shell', async () => (await screen()).split('\n').some((row) => row.trim() === 'shell'), 30_000, screen);
      await screenshot('cluster-lab-terminal');
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
