import { parse } from 'yaml';
import { configMapManifest, copyFixture, copyScaledToZero, copyUnscheduledPod, fixturePath, NO_SCHEDULER, writeManifest } from './harness/fixtures';
import { AGE, expectFailure, expectSuccess, lines } from './harness/expectations';
import { applyObjects, createNamespace, getJson, useDrydock } from './harness/use-drydock';
import { Json } from './harness/json';

const BACKEND_POD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'backend', labels: { app: 'api', tier: 'backend' } },
  spec: { schedulerName: NO_SCHEDULER, containers: [{ name: 'api', image: 'nginx:1.25' }] },
};

const row = (pattern: string) => new RegExp(`^${pattern.replace(/ +/g, '\\s+').replace(/\{age\}/g, AGE)}$`);


describe('kubectl get', () => {
  const drydock = useDrydock();

  // default: two pods no scheduler binds, plus the kinds no controller changes; workloads: the
  // workload basics scaled to zero, so that their columns are the same with or without controllers.
  beforeAll(async () => {
    const work = drydock().workDir;
    const apply = async (namespace: string, file: string) => expectSuccess(await drydock().run(['apply', '-n', namespace, '-f', file]));
    const pod = copyUnscheduledPod('pod.yaml', work, 'pod.yaml');
    for (const file of [pod, ...['service.yaml', 'ingress.yaml', 'configmap.yaml', 'secret.yaml'].map((name) => copyFixture(name, work))]) await apply('default', file);
    await apply('default', writeManifest(work, 'backend-pod.yaml', BACKEND_POD));
    await createNamespace(drydock(), 'other');
    await apply('other', pod);
    await createNamespace(drydock(), 'workloads');
    for (const file of ['replicaset.yaml', 'replicationcontroller.yaml', 'deployment.yaml']) await apply('workloads', copyScaledToZero(file, work, file));
    await apply('workloads', pod);
    await apply('workloads', `${work}/service.yaml`);
  });

  describe('human-readable tables', () => {
    it('get pods prints NAME READY STATUS RESTARTS AGE with one row per pod, sorted by name', async () => {
      const out = lines(expectSuccess(await drydock().run(['get', 'pods'])));
      expect(out[0]).toMatch(row('NAME READY STATUS RESTARTS AGE'));
      expect(out.slice(1)).toHaveLength(2);
      expect(out[1]).toMatch(row('backend 0/1 Pending 0 {age}'));
      expect(out[2]).toMatch(row('nginx 0/1 Pending 0 {age}'));
    });

    it.each([
      ['deployment my-deploy -n workloads', 'NAME READY UP-TO-DATE AVAILABLE AGE', 'my-deploy 0/0 0 0 {age}'],
      ['replicaset myapp-replicaset -n workloads', 'NAME DESIRED CURRENT READY AGE', 'myapp-replicaset 0 0 0 {age}'],
      ['replicationcontroller myapp-rc -n workloads', 'NAME DESIRED CURRENT READY AGE', 'myapp-rc 0 0 0 {age}'],
      ['service my-service', 'NAME TYPE CLUSTER-IP EXTERNAL-IP PORT\\(S\\) AGE', 'my-service ClusterIP \\d+\\.\\d+\\.\\d+\\.\\d+ <none> 80/TCP {age}'],
      ['ingress demo-ing', 'NAME CLASS HOSTS ADDRESS PORTS AGE', 'demo-ing <none> example\\.com 80 {age}'],
      ['configmap app-config', 'NAME DATA AGE', 'app-config 2 {age}'],
      ['secret app-secret', 'NAME TYPE DATA AGE', 'app-secret Opaque 2 {age}'],
    ])('get %s prints upstream columns (%s)', async (target, header, values) => {
      const out = lines(expectSuccess(await drydock().run(['get', ...target.split(' ')])));
      expect(out).toHaveLength(2);
      expect(out[0]).toMatch(row(header));
      expect(out[1]).toMatch(row(values));
    });

    it('get namespaces shows default, kube-system, kube-public and kube-node-lease as Active', async () => {
      const out = lines(expectSuccess(await drydock().run(['get', 'namespaces'])));
      expect(out[0]).toMatch(row('NAME STATUS AGE'));
      for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system', 'other']) {
        expect(out).toContainEqual(expect.stringMatching(row(`${name} Active {age}`)));
      }
    });

    it('get pods -o wide adds IP, NODE, NOMINATED NODE and READINESS GATES', async () => {
      const out = lines(expectSuccess(await drydock().run(['get', 'pod', 'nginx', '-o', 'wide'])));
      expect(out[0]).toMatch(row('NAME READY STATUS RESTARTS AGE IP NODE NOMINATED NODE READINESS GATES'));
      expect(out[1]).toMatch(row('nginx 0/1 Pending 0 {age} <none> <none> <none> <none>'));
    });

    it('get deployment -o wide adds CONTAINERS, IMAGES and SELECTOR', async () => {
      const out = lines(expectSuccess(await drydock().run(['get', 'deployment', 'my-deploy', '-n', 'workloads', '-o', 'wide'])));
      expect(out[0]).toMatch(row('NAME READY UP-TO-DATE AVAILABLE AGE CONTAINERS IMAGES SELECTOR'));
      expect(out[1]).toMatch(row('my-deploy 0/0 0 0 {age} my-container nginx:1\\.21 app=my-app'));
    });

    it('get pods -A adds a NAMESPACE column and lists pods of every namespace', async () => {
      const out = lines(expectSuccess(await drydock().run(['get', 'pods', '-A'])));
      expect(out[0]).toMatch(row('NAMESPACE NAME READY STATUS RESTARTS AGE'));
      expect(out).toContainEqual(expect.stringMatching(row('default backend 0/1 Pending 0 {age}')));
      expect(out).toContainEqual(expect.stringMatching(row('default nginx 0/1 Pending 0 {age}')));
      expect(out).toContainEqual(expect.stringMatching(row('other nginx 0/1 Pending 0 {age}')));
    });

    it('get pods --show-labels adds a LABELS column', async () => {
      const out = lines(expectSuccess(await drydock().run(['get', 'pods', '--show-labels'])));
      expect(out[0]).toMatch(row('NAME READY STATUS RESTARTS AGE LABELS'));
      expect(out).toContainEqual(expect.stringMatching(row('nginx 0/1 Pending 0 {age} app=nginx,tier=frontend')));
      expect(out).toContainEqual(expect.stringMatching(row('backend 0/1 Pending 0 {age} app=api,tier=backend')));
    });

    it('get service -o wide adds SELECTOR', async () => {
      const out = lines(expectSuccess(await drydock().run(['get', 'service', 'my-service', '-o', 'wide'])));
      expect(out[0]).toMatch(row('NAME TYPE CLUSTER-IP EXTERNAL-IP PORT\\(S\\) AGE SELECTOR'));
      expect(out[1]).toMatch(row('my-service ClusterIP \\d+\\.\\d+\\.\\d+\\.\\d+ <none> 80/TCP {age} app=my-app'));
    });

    it('a NodePort Service gets a node port between 30000 and 32767', async () => {
      const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web-np' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] } };
      await applyObjects(drydock(), service);
      const out = lines(expectSuccess(await drydock().run(['get', 'service', 'web-np'])));
      expect(out[1]).toMatch(row('web-np NodePort \\d+\\.\\d+\\.\\d+\\.\\d+ <none> 80:\\d+/TCP {age}'));
      const nodePort = Number(/80:(\d+)\/TCP/.exec(out[1])![1]);
      expect(nodePort).toBeGreaterThanOrEqual(30000);
      expect(nodePort).toBeLessThanOrEqual(32767);
    });

    it('get pods --sort-by sorts on a field of the whole object', async () => {
      const out = lines(expectSuccess(await drydock().run(['get', 'pods', '--sort-by=.spec.containers[0].image'])));
      expect(out.slice(1).map((line) => line.split(/\s+/)[0])).toEqual(['nginx', 'backend']);
    });

    it('get pods -L app adds an APP column from the labels', async () => {
      const out = lines(expectSuccess(await drydock().run(['get', 'pods', '-L', 'app'])));
      expect(out[0]).toMatch(row('NAME READY STATUS RESTARTS AGE APP'));
      expect(out[1]).toMatch(row('backend 0/1 Pending 0 {age} api'));
      expect(out[2]).toMatch(row('nginx 0/1 Pending 0 {age} nginx'));
    });

    it('get -o custom-columns prints the chosen fields', async () => {
      const out = lines(expectSuccess(await drydock().run(['get', 'pods', '-o', 'custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image'])));
      expect(out).toEqual([expect.stringMatching(row('NAME IMAGE')), expect.stringMatching(row('backend nginx:1\\.25')), expect.stringMatching(row('nginx nginx'))]);
    });

    it('get deployments,services prints one table per kind with type/name prefixes', async () => {
      const out = expectSuccess(await drydock().run(['get', 'deployments,services', '-n', 'workloads']));
      expect(out).toMatch(new RegExp(`^${'deployment.apps/my-deploy 0/0 0 0 {age}'.replace(/ +/g, '\\s+').replace('{age}', AGE)}$`, 'm'));
      expect(out).toMatch(/^service\/my-service\s+ClusterIP\s/m);
    });

    it('get all lists pods, services, deployments, replicasets and replicationcontrollers but not configmaps', async () => {
      const out = expectSuccess(await drydock().run(['get', 'all', '-n', 'workloads']));
      for (const name of ['pod/nginx', 'service/my-service', 'deployment.apps/my-deploy', 'replicaset.apps/myapp-replicaset', 'replicationcontroller/myapp-rc']) {
        expect(out).toMatch(new RegExp(`^${name.replace(/\./g, '\\.')}\\s`, 'm'));
      }
      expect(out).not.toMatch(/configmap\/app-config|secret\/app-secret/);
    });
  });

  describe('machine-readable output', () => {
    it('get pod -o yaml prints the stored object with upstream defaults', async () => {
      const pod = parse(expectSuccess(await drydock().run(['get', 'pod', 'nginx', '-o', 'yaml'])));
      expect(pod).toMatchObject({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx', tier: 'frontend' } } });
      expect(pod.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(pod.metadata.resourceVersion).toMatch(/^\d+$/);
      expect(pod.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(pod.spec).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', schedulerName: NO_SCHEDULER, terminationGracePeriodSeconds: 30 });
      expect(pod.spec.containers[0]).toMatchObject({ name: 'nginx', image: 'nginx', imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log' });
      expect(pod.status.phase).toBe('Pending');
    });

    it('create --dry-run=server -o yaml of the basic Pod shows every upstream default and stores nothing', async () => {
      await createNamespace(drydock(), 'dry-run');
      const pod = parse(expectSuccess(await drydock().run(['create', '--dry-run=server', '-n', 'dry-run', '-f', fixturePath('pod.yaml'), '-o', 'yaml'])));
      expect(pod.spec).toMatchObject({
        restartPolicy: 'Always',
        dnsPolicy: 'ClusterFirst',
        schedulerName: 'default-scheduler',
        terminationGracePeriodSeconds: 30,
        enableServiceLinks: true,
        securityContext: {},
        preemptionPolicy: 'PreemptLowerPriority',
        priority: 0,
      });
      expect(pod.spec.containers[0]).toMatchObject({ imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', resources: {} });
      expect(pod.status).toMatchObject({ phase: 'Pending', qosClass: 'BestEffort' });
      expect(expectSuccess(await drydock().run(['get', 'pods', '-n', 'dry-run', '-o', 'name']))).toBe('');
    });

    it('get pods -o json prints a v1 List of Pods', async () => {
      const list = await getJson(drydock(), ['pods']);
      expect(list).toMatchObject({ apiVersion: 'v1', kind: 'List' });
      expect(list.items.map((pod: Json) => [pod.apiVersion, pod.kind, pod.metadata.name])).toEqual([
        ['v1', 'Pod', 'backend'],
        ['v1', 'Pod', 'nginx'],
      ]);
    });

    it('get deployment -o json shows the upstream Deployment defaults', async () => {
      const deployment = await getJson(drydock(), ['deployment', 'my-deploy', '-n', 'workloads']);
      expect(deployment).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { generation: 1 } });
      expect(deployment.spec).toMatchObject({
        replicas: 0,
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      });
    });

    it('get -o jsonpath evaluates the template over the objects', async () => {
      expect(expectSuccess(await drydock().run(['get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}']))).toBe('backend nginx');
      expect(expectSuccess(await drydock().run(['get', 'deployment', 'my-deploy', '-n', 'workloads', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']))).toBe('nginx:1.21');
      const phases = expectSuccess(await drydock().run(['get', 'pods', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.status.phase}{"\\n"}{end}']));
      expect(phases).toBe('backend=Pending\nnginx=Pending\n');
    });
  });

  describe('selectors', () => {
    it('get -l with an equality selector returns only matching objects', async () => {
      const out = lines(expectSuccess(await drydock().run(['get', 'pods', '-l', 'app=nginx'])));
      expect(out).toHaveLength(2);
      expect(out[1]).toMatch(row('nginx 0/1 Pending 0 {age}'));
      expect(expectSuccess(await drydock().run(['get', 'pods', '-l', 'tier!=frontend', '-o', 'name']))).toBe('pod/backend\n');
    });

    it('get -l with set-based selectors (in, notin, exists, !exists)', async () => {
      const names = async (selector: string) => expectSuccess(await drydock().run(['get', 'pods', '-l', selector, '-o', 'name']));
      expect(await names('tier in (frontend,backend)')).toBe('pod/backend\npod/nginx\n');
      expect(await names('tier notin (frontend)')).toBe('pod/backend\n');
      expect(await names('app')).toBe('pod/backend\npod/nginx\n');
      expect(await names('app=nginx,tier=frontend')).toBe('pod/nginx\n');
    });

    it('get -l matching nothing prints "No resources found in default namespace."', async () => {
      const result = await drydock().run(['get', 'pods', '-l', '!tier']);
      expect(result).toMatchObject({ code: 0, stdout: '' });
      expect(result.stderr).toBe('No resources found in default namespace.\n');
    });

    it('get --field-selector filters on metadata.name, metadata.namespace and status.phase', async () => {
      const names = async (...args: string[]) => expectSuccess(await drydock().run(['get', 'pods', ...args, '-o', 'name']));
      expect(await names('--field-selector', 'metadata.name=backend')).toBe('pod/backend\n');
      expect(await names('--field-selector', 'metadata.name!=backend')).toBe('pod/nginx\n');
      expect(await names('--field-selector', 'status.phase=Pending')).toBe('pod/backend\npod/nginx\n');
      expect(await names('-A', '--field-selector', 'metadata.namespace=other')).toBe('pod/nginx\n');
    });

    it('get --field-selector spec.nodeName= selects the pods no node was assigned to', async () => {
      expect(expectSuccess(await drydock().run(['get', 'pods', '--field-selector', 'spec.nodeName=', '-o', 'name']))).toBe('pod/backend\npod/nginx\n');
      expect(expectSuccess(await drydock().run(['get', 'pods', '--field-selector', 'spec.nodeName!=', '-o', 'name']))).toBe('');
    });

    it('get --field-selector supports the per-kind fields (Secret type, Namespace status.phase)', async () => {
      expect(expectSuccess(await drydock().run(['get', 'secrets', '--field-selector', 'type=Opaque', '-o', 'name']))).toBe('secret/app-secret\n');
      expect(expectSuccess(await drydock().run(['get', 'secrets', '--field-selector', 'type=kubernetes.io/tls', '-o', 'name']))).toBe('');
      const namespaces = expectSuccess(await drydock().run(['get', 'namespaces', '--field-selector', 'status.phase=Active', '-o', 'name']));
      expect(lines(namespaces)).toEqual(expect.arrayContaining(['namespace/default', 'namespace/kube-system', 'namespace/other']));
    });

    it('get --field-selector on an unsupported field is a BadRequest naming the field', async () => {
      const stderr = expectFailure(await drydock().run(['get', 'pods', '--field-selector', 'spec.foo=bar']));
      expect(stderr).toMatch(/^Error from server \(BadRequest\): .*field label not supported: spec\.foo/m);
    });
  });

  describe('pagination', () => {
    beforeAll(async () => {
      await createNamespace(drydock(), 'paged');
      await applyObjects(drydock(), ...['p1', 'p2', 'p3', 'p4', 'p5'].map((name) => configMapManifest(name, {}, 'paged')));
    });

    it('get --chunk-size pages through the list and prints every object', async () => {
      const out = expectSuccess(await drydock().run(['get', 'configmaps', '-n', 'paged', '--chunk-size=2', '-o', 'name']));
      expect(lines(out).filter((line) => /^configmap\/p\d$/.test(line))).toEqual(['configmap/p1', 'configmap/p2', 'configmap/p3', 'configmap/p4', 'configmap/p5']);
    });

    it('limit and continue return consecutive pages, the last without a continue token', async () => {
      const page = async (query: string) => JSON.parse(expectSuccess(await drydock().run(['get', '--raw', `/api/v1/namespaces/paged/configmaps?${query}`])));
      const names: string[] = [];
      let list = await page('limit=2');
      for (let pages = 1; ; pages++) {
        expect(list.items.length).toBeLessThanOrEqual(2);
        names.push(...list.items.map((item: Json) => item.metadata.name));
        if (!list.metadata.continue) break;
        expect(pages).toBeLessThan(10);
        list = await page(`limit=2&continue=${encodeURIComponent(list.metadata.continue)}`);
      }
      expect(names.filter((name) => /^p\d$/.test(name))).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
    });
  });

  describe('watch', () => {
    beforeAll(async () => {
      await createNamespace(drydock(), 'watched');
      await applyObjects(drydock(), configMapManifest('first', { a: '1' }, 'watched'));
    });

    it('get -w prints the list, then a line for an object created later', async () => {
      const watch = drydock().stream(['get', 'configmaps', '-n', 'watched', '-w']);
      try {
        await watch.waitForOutput(/^first\s+1\s+/m);
        await applyObjects(drydock(), configMapManifest('second', { a: '1', b: '2' }, 'watched'));
        const out = lines(await watch.waitForOutput(/^second\s+2\s+/m));
        expect(out[0]).toMatch(row('NAME DATA AGE'));
        expect(out.filter((line) => /^NAME\s/.test(line))).toHaveLength(1);
      } finally {
        await watch.stop();
      }
    });

    it('get NAME -w prints the object once, then its change', async () => {
      const watch = drydock().stream(['get', 'configmap', 'first', '-n', 'watched', '-w']);
      try {
        await watch.waitForOutput(/^first\s+1\s+/m);
        expectSuccess(await drydock().run(['patch', 'configmap', 'first', '-n', 'watched', '-p', '{"data":{"b":"2"}}']));
        const out = lines(await watch.waitForOutput(/^first\s+2\s+/m));
        expect(out.filter((line) => /^first\s+1\s+/.test(line))).toHaveLength(1);
      } finally {
        await watch.stop();
      }
    });
    it('wait --for=jsonpath returns once a later change satisfies the condition', async () => {
      const waiting = drydock().run(['wait', '--for=jsonpath={.data.a}=3', 'configmap/first', '-n', 'watched', '--timeout=30s']);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expectSuccess(await drydock().run(['patch', 'configmap', 'first', '-n', 'watched', '-p', '{"data":{"a":"3"}}']));
      expect(expectSuccess(await waiting)).toBe('configmap/first condition met\n');
    });
  });
});
