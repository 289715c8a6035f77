import * as path from 'node:path';
import { configMapManifest, copyFixture, deploymentManifest, namespaceManifest, readManifest, writeManifest } from './harness/fixtures';
import { writeKubeconfigWithToken } from './harness/kubeconfig';
import { expectFailure, expectSuccess } from './harness/expectations';
import { applyObjects, getJson, useDrydock } from './harness/use-drydock';
import { Json } from './harness/json';

const deployment = (name: string, edit: (spec: Json) => void = () => undefined) => {
  const manifest = readManifest(path.resolve(__dirname, '../fixtures/deployment.yaml'));
  manifest.metadata.name = name;
  edit(manifest.spec);
  return manifest;
};

const DNS_1123_MESSAGE = String.raw`metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '\.', and must start and end with an alphanumeric character`;

describe('errors as kubectl prints them', () => {
  const drydock = useDrydock();
  const kubectl = (...args: string[]) => drydock().run(args);
  const applyManifest = async (name: string, manifest: unknown, ...flags: string[]) =>
    drydock().run(['apply', ...flags, '-f', writeManifest(drydock().workDir, `${name}.yaml`, manifest)]);

  describe('NotFound', () => {
    it.each([
      [['get', 'pod', 'nope'], 'Error from server (NotFound): pods "nope" not found'],
      [['get', 'deployment', 'nope'], 'Error from server (NotFound): deployments.apps "nope" not found'],
      [['get', 'ingress', 'nope'], 'Error from server (NotFound): ingresses.networking.k8s.io "nope" not found'],
      [['delete', 'configmap', 'nope'], 'Error from server (NotFound): configmaps "nope" not found'],
      [['describe', 'service', 'nope'], 'Error from server (NotFound): services "nope" not found'],
      [['get', 'namespace', 'nope'], 'Error from server (NotFound): namespaces "nope" not found'],
    ])('kubectl %j prints %s', async (args, message) => {
      const stderr = expectFailure(await drydock().run(args));
      expect(stderr.split('\n')).toContain(message);
    });
  });

  describe('AlreadyExists', () => {
    it('create -f of an existing object names the file and the object', async () => {
      const manifest = copyFixture('pod.yaml', drydock().workDir);
      expectSuccess(await kubectl('create', '-f', manifest));
      const stderr = expectFailure(await kubectl('create', '-f', manifest));
      expect(stderr.split('\n')).toContain(`Error from server (AlreadyExists): error when creating "${manifest}": pods "nginx" already exists`);
    });

    it('create --dry-run=server of an object that exists is AlreadyExists, as a real create', async () => {
      await applyObjects(drydock(), configMapManifest('exists-already'));
      const file = writeManifest(drydock().workDir, 'exists-already.yaml', configMapManifest('exists-already'));
      const stderr = expectFailure(await kubectl('create', '--dry-run=server', '-f', file));
      expect(stderr.split('\n')).toContain(`Error from server (AlreadyExists): error when creating "${file}": configmaps "exists-already" already exists`);
    });

    it('create namespace default is AlreadyExists', async () => {
      const stderr = expectFailure(await kubectl('create', 'namespace', 'default'));
      expect(stderr.split('\n')).toContain('Error from server (AlreadyExists): namespaces "default" already exists');
    });

    it('create configmap of an existing name is AlreadyExists', async () => {
      await applyObjects(drydock(), configMapManifest('twice'));
      const stderr = expectFailure(await kubectl('create', 'configmap', 'twice'));
      expect(stderr.split('\n')).toContain('error: failed to create configmap: configmaps "twice" already exists');
    });
  });

  describe('Conflict', () => {
    it('replace with a stale resourceVersion is a 409 Conflict and changes nothing', async () => {
      await applyObjects(drydock(), configMapManifest('stale', { v: '1' }));
      const old = await getJson(drydock(), ['configmap', 'stale']);
      expectSuccess(await kubectl('patch', 'configmap', 'stale', '-p', '{"data":{"v":"2"}}'));
      old.data.v = '3';
      const file = writeManifest(drydock().workDir, 'stale.yaml', old);

      const stderr = expectFailure(await kubectl('replace', '-f', file));
      expect(stderr.split('\n')).toContain(
        `Error from server (Conflict): error when replacing "${file}": Operation cannot be fulfilled on configmaps "stale": ` +
          'the object has been modified; please apply your changes to the latest version and try again',
      );
      expect((await getJson(drydock(), ['configmap', 'stale'])).data).toEqual({ v: '2' });
    });
  });

  describe('Invalid (422) with field paths', () => {
    it('a negative replica count names spec.replicas', async () => {
      const stderr = expectFailure(await applyManifest('bad-replicas', deployment('bad-replicas', (spec) => (spec.replicas = -1))));
      expect(stderr.split('\n')).toContain('The Deployment "bad-replicas" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    });

    it('a container without an image is spec.containers[0].image: Required value', async () => {
      const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'noimage' }, spec: { containers: [{ name: 'app' }] } };
      const stderr = expectFailure(await applyManifest('noimage', pod));
      expect(stderr.split('\n')).toContain('The Pod "noimage" is invalid: spec.containers[0].image: Required value');
    });

    it('several invalid fields are listed one per line', async () => {
      const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'multi' }, spec: { restartPolicy: 'Sometimes', containers: [{ name: 'app' }] } };
      const stderr = expectFailure(await applyManifest('multi', pod));
      expect(stderr).toMatch(/^The Pod "multi" is invalid: \n/m);
      expect(stderr).toMatch(/^\* spec\.containers\[0\]\.image: Required value$/m);
      expect(stderr).toMatch(/^\* spec\.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"$/m);
    });

    it('a Deployment whose selector does not match its template labels is rejected', async () => {
      const manifest = deployment('mismatch', (spec) => (spec.template.metadata.labels = { app: 'other' }));
      const stderr = expectFailure(await applyManifest('mismatch', manifest));
      expect(stderr).toMatch(/^The Deployment "mismatch" is invalid: spec\.template\.metadata\.labels: Invalid value: .*`selector` does not match template `labels`$/m);
    });

    it('changing an immutable field (a Deployment selector) is rejected', async () => {
      await applyObjects(drydock(), deploymentManifest('fixed', 'nginx'));
      const patch = '{"spec":{"selector":{"matchLabels":{"app":"other"}},"template":{"metadata":{"labels":{"app":"other"}}}}}';
      const stderr = expectFailure(await kubectl('patch', 'deployment', 'fixed', '--type', 'merge', '-p', patch));
      expect(stderr).toMatch(/^The Deployment "fixed" is invalid: spec\.selector: Invalid value: .*field is immutable$/m);
    });

    it('changing a Pod field other than the images is Forbidden', async () => {
      await applyObjects(drydock(), { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'running' }, spec: { containers: [{ name: 'app', image: 'nginx' }] } });
      const stderr = expectFailure(await kubectl('patch', 'pod', 'running', '-p', '{"spec":{"restartPolicy":"Never"}}'));
      expect(stderr).toMatch(/^The Pod "running" is invalid: spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`/m);
      expect(expectSuccess(await kubectl('patch', 'pod', 'running', '-p', '{"spec":{"containers":[{"name":"app","image":"nginx:1.27"}]}}'))).toBe('pod/running patched\n');
    });

    it('changing the data of an immutable ConfigMap is rejected', async () => {
      await applyObjects(drydock(), { ...configMapManifest('frozen', { a: '1' }), immutable: true });
      const stderr = expectFailure(await kubectl('patch', 'configmap', 'frozen', '-p', '{"data":{"a":"2"}}'));
      expect(stderr).toMatch(/^The ConfigMap "frozen" is invalid: data: Forbidden: field is immutable when `immutable` is set$/m);
    });

    it('a name that is not a DNS-1123 subdomain names metadata.name (apply -f)', async () => {
      const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name' }, data: { a: '1' } };
      const stderr = expectFailure(await applyManifest('bad-name', configMap));
      expect(stderr).toMatch(new RegExp(`^The ConfigMap "Bad_Name" is invalid: ${DNS_1123_MESSAGE}`, 'm'));
    });

    it('a name that is not a DNS-1123 subdomain names metadata.name (create configmap)', async () => {
      const stderr = expectFailure(await kubectl('create', 'configmap', 'Bad_Name'));
      expect(stderr).toMatch(new RegExp(`^error: failed to create configmap: ConfigMap "Bad_Name" is invalid: ${DNS_1123_MESSAGE}`, 'm'));
    });
  });

  describe('strict field validation', () => {
    it('an unknown field is a BadRequest: strict decoding error: unknown field "spec.foo"', async () => {
      const manifest = deployment('unknown-field', (spec) => (spec.foo = 'bar'));
      const stderr = expectFailure(await applyManifest('unknown-field', manifest));
      expect(stderr).toMatch(/^Error from server \(BadRequest\): error when creating ".*unknown-field\.yaml": .*strict decoding error: unknown field "spec\.foo"$/m);
      expect(expectFailure(await kubectl('get', 'deployment', 'unknown-field'))).toContain('NotFound');
    });

    it('an unknown field inside a list item names its index', async () => {
      const manifest = deployment('unknown-nested', (spec) => (spec.template.spec.containers[0].imagee = 'typo'));
      const stderr = expectFailure(await applyManifest('unknown-nested', manifest));
      expect(stderr).toMatch(/strict decoding error: unknown field "spec\.template\.spec\.containers\[0\]\.imagee"$/m);
    });

    it('--validate=warn creates the object and prints the unknown field as a warning', async () => {
      const result = await applyManifest('warned', deployment('warned', (spec) => (spec.foo = 'bar')), '--validate=warn');
      expect(expectSuccess(result)).toBe('deployment.apps/warned created\n');
      expect(result.stderr).toMatch(/^Warning: unknown field "spec\.foo"$/m);
    });

    it('--validate=false creates the object and drops the unknown field', async () => {
      const result = await applyManifest('ignored', deployment('ignored', (spec) => (spec.foo = 'bar')), '--validate=false');
      expect(expectSuccess(result)).toBe('deployment.apps/ignored created\n');
      expect((await getJson(drydock(), ['deployment', 'ignored'])).spec.foo).toBeUndefined();
    });
  });

  describe('values of the wrong type (BadRequest, never stored)', () => {
    it.each([
      ['a string for an int32 (Deployment spec.replicas)', 'Deployment', deployment('string-replicas', (spec) => (spec.replicas = 'three')), 'spec\\.replicas'],
      ['a number in a map of strings (ConfigMap data)', 'ConfigMap', { ...configMapManifest('number-data'), data: { a: 1 } }, 'data'],
      [
        'a string for a port number (Pod containerPort)',
        'Pod',
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'string-port' }, spec: { containers: [{ name: 'app', image: 'nginx', ports: [{ containerPort: '80' }] }] } },
        'containerPort',
      ],
    ])('%s is rejected', async (_, kind, manifest: Json, field) => {
      const file = writeManifest(drydock().workDir, `wrong-type-${manifest.metadata.name}.yaml`, manifest);
      const stderr = expectFailure(await kubectl('apply', '-f', file));
      expect(stderr).toMatch(new RegExp(`^Error from server \\(BadRequest\\): error when creating ".*": ${kind} in version "v1" cannot be handled as a ${kind}: .*${field}`, 'm'));
      expect(expectFailure(await kubectl('get', kind.toLowerCase(), manifest.metadata.name))).toContain('(NotFound)');
    });
  });

  describe('namespaces', () => {
    it('creating into a missing namespace is NotFound: namespaces "x" not found', async () => {
      const manifest = copyFixture('configmap.yaml', drydock().workDir, 'missing-ns.yaml');
      const stderr = expectFailure(await kubectl('apply', '-n', 'missing', '-f', manifest));
      expect(stderr.split('\n')).toContain(`Error from server (NotFound): error when creating "${manifest}": namespaces "missing" not found`);
    });

    it('creating into a namespace being deleted is Forbidden', async () => {
      // A finalizer keeps the namespace in Terminating, with or without a namespace controller.
      await applyObjects(drydock(), { ...namespaceManifest('leaving'), metadata: { name: 'leaving', finalizers: ['example.com/hold'] } });
      expect(expectSuccess(await kubectl('delete', 'namespace', 'leaving', '--wait=false'))).toBe('namespace "leaving" deleted\n');
      expect(expectSuccess(await kubectl('get', 'namespace', 'leaving', '-o', 'jsonpath={.status.phase}'))).toBe('Terminating');

      const stderr = expectFailure(await applyManifest('late', configMapManifest('late', {}, 'leaving')));
      expect(stderr).toMatch(
        /^Error from server \(Forbidden\): error when creating ".*late\.yaml": configmaps "late" is forbidden: unable to create new content in namespace leaving because it is being terminated$/m,
      );
      expectSuccess(await kubectl('patch', 'namespace', 'leaving', '--type', 'merge', '-p', '{"metadata":{"finalizers":null}}'));
    });
  });

  describe('Unauthorized', () => {
    it('a wrong token makes kubectl say: You must be logged in to the server (Unauthorized)', async () => {
      const kubeconfig = path.join(drydock().workDir, 'wrong-token.kubeconfig');
      writeKubeconfigWithToken(drydock().kubeconfig, kubeconfig, 'not-the-admin-token');
      const stderr = expectFailure(await drydock().run(['get', 'pods'], { env: { KUBECONFIG: kubeconfig } }));
      expect(stderr.split('\n')).toContain('error: You must be logged in to the server (Unauthorized)');
    });

    it('the API answers a wrong token with a 401 Unauthorized Status', async () => {
      const response = await drydock().api.request('GET', '/api/v1/namespaces/default/configmaps', { token: 'not-the-admin-token' });
      expect(response.status).toBe(401);
      expect(response.json).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Unauthorized', code: 401 });
    });
  });
});
