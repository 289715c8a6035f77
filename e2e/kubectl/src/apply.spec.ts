import * as fs from 'node:fs';
import { BASIC_MANIFESTS, configMapManifest, copyFixture, copyScaledToZero, editManifest, FIXTURES_DIR, fixturePath, writeManifest } from './harness/fixtures';
import { expectFailure, expectSuccess, lines } from './harness/expectations';
import { createNamespace, getJson, useDrydock } from './harness/use-drydock';
import { Json } from './harness/json';

describe('kubectl apply', () => {
  const drydock = useDrydock();

  describe('client-side apply', () => {
    it.each(BASIC_MANIFESTS)('apply -f $file prints created, then unchanged, then configured after an edit of the file', async ({ file, kubectlName }) => {
      const manifest = copyFixture(file, drydock().workDir);
      const apply = async () => expectSuccess(await drydock().run(['apply', '-f', manifest]));

      expect(await apply()).toBe(`${kubectlName} created\n`);
      expect(await apply()).toBe(`${kubectlName} unchanged\n`);
      editManifest(manifest, (object) => (object.metadata.labels = { ...object.metadata.labels, edited: 'yes' }));
      expect(await apply()).toBe(`${kubectlName} configured\n`);

      const live = await getJson(drydock(), [kubectlName]);
      expect(live.metadata.labels.edited).toBe('yes');
      expect(live.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toContain('"edited":"yes"');
    });

    it('apply -f of the basics directory creates every object in one call', async () => {
      await createNamespace(drydock(), 'basics');
      const out = expectSuccess(await drydock().run(['apply', '-n', 'basics', '-f', FIXTURES_DIR]));
      expect(lines(out).sort()).toEqual(BASIC_MANIFESTS.map((m) => `${m.kubectlName} created`).sort());
    });

    it('apply -f of an edited spec field changes the live object', async () => {
      await createNamespace(drydock(), 'apply-spec');
      const manifest = copyFixture('deployment.yaml', drydock().workDir, 'deployment-spec-edit.yaml');
      expectSuccess(await drydock().run(['apply', '-n', 'apply-spec', '-f', manifest]));
      editManifest(manifest, (deployment) => {
        deployment.spec.replicas = 4;
        deployment.spec.template.spec.containers[0].image = 'nginx:1.22';
      });

      expect(expectSuccess(await drydock().run(['apply', '-n', 'apply-spec', '-f', manifest]))).toBe('deployment.apps/my-deploy configured\n');
      const live = await getJson(drydock(), ['deployment', 'my-deploy', '-n', 'apply-spec']);
      expect(live.spec.replicas).toBe(4);
      expect(live.spec.template.spec.containers).toEqual([expect.objectContaining({ name: 'my-container', image: 'nginx:1.22' })]);
      expect(live.metadata.generation).toBe(2);
    });
  });

  describe('three-way merge of client-side apply', () => {
    beforeAll(async () => createNamespace(drydock(), 'three-way'));
    const apply = async (file: string) => expectSuccess(await drydock().run(['apply', '-n', 'three-way', '-f', file]));

    it('ports added to and removed from the file are merged by port number', async () => {
      const manifest = copyFixture('service.yaml', drydock().workDir, 'three-way-service.yaml');
      await apply(manifest);
      editManifest(manifest, (service) => service.spec.ports.push({ name: 'https', protocol: 'TCP', port: 443, targetPort: 8443 }));
      editManifest(manifest, (service) => (service.spec.ports[0].name = 'http'));
      expect(await apply(manifest)).toBe('service/my-service configured\n');
      const ports = async () => (await getJson(drydock(), ['service', 'my-service', '-n', 'three-way'])).spec.ports.map((p: Json) => [p.name, p.port, p.targetPort]);
      expect(await ports()).toEqual([
        ['http', 80, 80],
        ['https', 443, 8443],
      ]);

      editManifest(manifest, (service) => (service.spec.ports = service.spec.ports.filter((p: Json) => p.port !== 80)));
      expect(await apply(manifest)).toBe('service/my-service configured\n');
      expect(await ports()).toEqual([['https', 443, 8443]]);
    });

    it('a label removed from the file is removed from the object; one added by kubectl label is kept', async () => {
      const manifest = copyFixture('configmap.yaml', drydock().workDir, 'three-way-configmap.yaml');
      editManifest(manifest, (configMap) => (configMap.metadata.labels = { keep: 'me', drop: 'me' }));
      await apply(manifest);
      expectSuccess(await drydock().run(['label', 'configmap', 'app-config', '-n', 'three-way', 'added=by-hand']));

      editManifest(manifest, (configMap) => (configMap.metadata.labels = { keep: 'me' }));
      expect(await apply(manifest)).toBe('configmap/app-config configured\n');
      expect((await getJson(drydock(), ['configmap', 'app-config', '-n', 'three-way'])).metadata.labels).toEqual({ keep: 'me', added: 'by-hand' });
      expect(await apply(manifest)).toBe('configmap/app-config unchanged\n');
    });

    it('apply after kubectl scale puts spec.replicas back to the value in the file', async () => {
      const manifest = copyScaledToZero('deployment.yaml', drydock().workDir, 'three-way-deployment.yaml');
      await apply(manifest);
      expectSuccess(await drydock().run(['scale', 'deployment', 'my-deploy', '-n', 'three-way', '--replicas=2']));
      expect(await apply(manifest)).toBe('deployment.apps/my-deploy configured\n');
      expect((await getJson(drydock(), ['deployment', 'my-deploy', '-n', 'three-way'])).spec.replicas).toBe(0);
    });

    it('env vars added to and removed from the file are merged by name', async () => {
      const manifest = `${drydock().workDir}/three-way-deployment.yaml`;
      editManifest(manifest, (deployment) => (deployment.spec.template.spec.containers[0].env = [{ name: 'A', value: '1' }, { name: 'B', value: '2' }]));
      expect(await apply(manifest)).toBe('deployment.apps/my-deploy configured\n');
      editManifest(manifest, (deployment) => (deployment.spec.template.spec.containers[0].env = [{ name: 'B', value: '3' }]));
      expect(await apply(manifest)).toBe('deployment.apps/my-deploy configured\n');
      const container = (await getJson(drydock(), ['deployment', 'my-deploy', '-n', 'three-way'])).spec.template.spec.containers[0];
      expect(container.env).toEqual([{ name: 'B', value: '3' }]);
    });
  });

  describe('server-side apply', () => {
    beforeAll(async () => createNamespace(drydock(), 'ssa'));

    it('apply --server-side creates the object and prints serverside-applied', async () => {
      const manifest = copyFixture('deployment.yaml', drydock().workDir, 'ssa-deployment.yaml');
      const out = expectSuccess(await drydock().run(['apply', '--server-side', '-n', 'ssa', '-f', manifest]));
      expect(out).toBe('deployment.apps/my-deploy serverside-applied\n');

      const live = await getJson(drydock(), ['deployment', 'my-deploy', '-n', 'ssa', '--show-managed-fields']);
      expect(live.spec.replicas).toBe(3);
      expect(live.metadata.managedFields).toEqual(expect.arrayContaining([expect.objectContaining({ manager: 'kubectl', operation: 'Apply' })]));
    });

    it('apply --server-side again with a changed field updates it and prints serverside-applied', async () => {
      const manifest = copyFixture('deployment.yaml', drydock().workDir, 'ssa-deployment-2.yaml');
      editManifest(manifest, (deployment) => (deployment.spec.replicas = 5));
      const out = expectSuccess(await drydock().run(['apply', '--server-side', '-n', 'ssa', '-f', manifest]));
      expect(out).toBe('deployment.apps/my-deploy serverside-applied\n');
      expect((await getJson(drydock(), ['deployment', 'my-deploy', '-n', 'ssa'])).spec.replicas).toBe(5);
    });

    it('apply --server-side removes a field the manager stopped applying', async () => {
      const manifest = copyFixture('configmap.yaml', drydock().workDir, 'ssa-configmap.yaml');
      editManifest(manifest, (configMap) => (configMap.metadata.labels = { keep: 'yes', drop: 'yes' }));
      expectSuccess(await drydock().run(['apply', '--server-side', '-n', 'ssa', '-f', manifest]));
      editManifest(manifest, (configMap) => {
        configMap.metadata.labels = { keep: 'yes' };
        delete configMap.data.APP_PORT;
      });

      expect(expectSuccess(await drydock().run(['apply', '--server-side', '-n', 'ssa', '-f', manifest]))).toBe('configmap/app-config serverside-applied\n');
      const live = await getJson(drydock(), ['configmap', 'app-config', '-n', 'ssa']);
      expect(live.metadata.labels).toEqual({ keep: 'yes' });
      expect(live.data).toEqual({ APP_MODE: 'production' });
    });

    it('apply --server-side by a second manager changing an owned field is a conflict until --force-conflicts', async () => {
      const manifest = (value: string) => writeManifest(drydock().workDir, `ssa-shared-${value}.yaml`, { ...configMapManifest('shared', { k: value }, 'ssa') });
      expectSuccess(await drydock().run(['apply', '--server-side', '--field-manager=alice', '-f', manifest('alice')]));

      const stderr = expectFailure(await drydock().run(['apply', '--server-side', '--field-manager=bob', '-f', manifest('bob')]));
      expect(stderr).toMatch(/^error: Apply failed with 1 conflict: conflict with "alice": \.data\.k$/m);
      expect((await getJson(drydock(), ['configmap', 'shared', '-n', 'ssa'])).data).toEqual({ k: 'alice' });

      const forced = await drydock().run(['apply', '--server-side', '--field-manager=bob', '--force-conflicts', '-f', manifest('bob')]);
      expect(expectSuccess(forced)).toBe('configmap/shared serverside-applied\n');
      const live = await getJson(drydock(), ['configmap', 'shared', '-n', 'ssa', '--show-managed-fields']);
      expect(live.data).toEqual({ k: 'bob' });
      expect(live.metadata.managedFields.map((entry: Json) => entry.manager)).toEqual(['bob']);
    });
  });

  describe('dry run and multi-document files', () => {
    beforeAll(async () => createNamespace(drydock(), 'dry'));

    it('apply --dry-run=server of a new object prints "created (server dry run)" and stores nothing', async () => {
      const manifest = copyFixture('configmap.yaml', drydock().workDir, 'dry-configmap.yaml');
      const out = expectSuccess(await drydock().run(['apply', '--dry-run=server', '-n', 'dry', '-f', manifest]));
      expect(out).toBe('configmap/app-config created (server dry run)\n');
      expect(expectFailure(await drydock().run(['get', 'configmap', 'app-config', '-n', 'dry']))).toContain('Error from server (NotFound): configmaps "app-config" not found');
    });

    it('apply --dry-run=server of a change prints "configured (server dry run)" and leaves the object as it was', async () => {
      // Scaled to zero: no controller changes it (and its resourceVersion) behind the test's back.
      const manifest = copyScaledToZero('deployment.yaml', drydock().workDir, 'dry-deployment.yaml');
      expectSuccess(await drydock().run(['apply', '-n', 'dry', '-f', manifest]));
      const before = await getJson(drydock(), ['deployment', 'my-deploy', '-n', 'dry']);
      editManifest(manifest, (deployment) => (deployment.spec.replicas = 7));

      const out = expectSuccess(await drydock().run(['apply', '--dry-run=server', '-n', 'dry', '-f', manifest]));
      expect(out).toBe('deployment.apps/my-deploy configured (server dry run)\n');
      const after = await getJson(drydock(), ['deployment', 'my-deploy', '-n', 'dry']);
      expect(after.spec.replicas).toBe(0);
      expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    });

    it('apply -f of a multi-document file creates each document', async () => {
      const file = `${drydock().workDir}/multi.yaml`;
      fs.writeFileSync(file, ['configmap.yaml', 'secret.yaml', 'service.yaml'].map((name) => fs.readFileSync(fixturePath(name), 'utf8')).join('\n---\n'));
      const out = expectSuccess(await drydock().run(['apply', '-n', 'dry', '-f', file]));
      expect(out).toBe('configmap/app-config created\nsecret/app-secret created\nservice/my-service created\n');
    });
  });

  describe('diff', () => {
    beforeAll(async () => {
      await createNamespace(drydock(), 'diff');
      // Scaled to zero: a controller settles its status at once, so the live object holds still while diffing.
      expectSuccess(await drydock().run(['apply', '-n', 'diff', '-f', copyScaledToZero('deployment.yaml', drydock().workDir, 'diff-deployment.yaml')]));
    });

    it('diff exits 0 and prints nothing when the live object matches the file', async () => {
      const result = await drydock().run(['diff', '-n', 'diff', '-f', `${drydock().workDir}/diff-deployment.yaml`]);
      expect(result).toMatchObject({ code: 0, stdout: '' });
    });

    it('diff exits 1 and prints a unified diff of the change, without changing the live object', async () => {
      const manifest = `${drydock().workDir}/diff-deployment.yaml`;
      editManifest(manifest, (deployment) => (deployment.spec.replicas = 5));
      const result = await drydock().run(['diff', '-n', 'diff', '-f', manifest]);

      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^\+\+\+ \S*apps\.v1\.Deployment\.diff\.my-deploy/m);
      expect(result.stdout).toMatch(/^-\s+replicas: 0$/m);
      expect(result.stdout).toMatch(/^\+\s+replicas: 5$/m);
      expect((await getJson(drydock(), ['deployment', 'my-deploy', '-n', 'diff'])).spec.replicas).toBe(0);
    });
  });
});
