import * as fs from 'node:fs';
import * as path from 'node:path';
import { BASIC_MANIFESTS, configMapManifest, copyFixture, copyScaledToZero, copyUnscheduledPod, deploymentManifest, editManifest, readManifest, writeManifest } from './harness/fixtures';
import { expectFailure, expectSuccess, lines } from './harness/expectations';
import { applyObjects, createNamespace, getJson, useDrydock } from './harness/use-drydock';
import { Json } from './harness/json';

/** Writes an executable shell script into `dir` for use as EDITOR. */
function writeEditorScript(dir: string, name: string, body: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

const containerNames = (deployment: Json) => deployment.spec.template.spec.containers.map((c: Json) => c.name);

describe('kubectl commands that change objects', () => {
  const drydock = useDrydock();
  const kubectl = (...args: string[]) => drydock().run(args);

  describe('describe', () => {
    // A pod no scheduler binds and a deployment scaled to zero print the same with or without the control loop.
    beforeAll(async () => {
      expectSuccess(await kubectl('apply', '-f', copyUnscheduledPod('pod.yaml', drydock().workDir, 'pod.yaml')));
      expectSuccess(await kubectl('apply', '-f', copyScaledToZero('deployment.yaml', drydock().workDir, 'deployment.yaml')));
    });

    it.each(BASIC_MANIFESTS)('describe $resource of $file shows its name and namespace', async ({ file, resource }) => {
      await createNamespace(drydock(), `describe-${resource}`);
      const manifest = copyFixture(file, drydock().workDir, `describe-${file}`);
      expectSuccess(await kubectl('apply', '-n', `describe-${resource}`, '-f', manifest));
      const name = readManifest(manifest).metadata.name;
      const out = expectSuccess(await kubectl('describe', resource, name, '-n', `describe-${resource}`));
      expect(out).toMatch(new RegExp(`^Name:\\s+${name}$`, 'm'));
      expect(out).toMatch(new RegExp(`^Namespace:\\s+describe-${resource}$`, 'm'));
    });

    it('describe pod shows its metadata, status, containers and events', async () => {
      const out = expectSuccess(await kubectl('describe', 'pod', 'nginx'));
      expect(out).toMatch(/^Name:\s+nginx$/m);
      expect(out).toMatch(/^Namespace:\s+default$/m);
      expect(out).toMatch(/^Node:\s+<none>$/m);
      expect(out).toMatch(/^Labels:\s+app=nginx\n\s+tier=frontend$/m);
      expect(out).toMatch(/^Status:\s+Pending$/m);
      expect(out).toMatch(/^Containers:\n\s+nginx:\n\s+Image:\s+nginx$/m);
      expect(out).toMatch(/^Events:\s+<none>$/m);
    });

    it('describe deployment shows replicas, strategy, selector and template', async () => {
      const out = expectSuccess(await kubectl('describe', 'deployment', 'my-deploy'));
      expect(out).toMatch(/^Name:\s+my-deploy$/m);
      expect(out).toMatch(/^Selector:\s+app=my-app$/m);
      expect(out).toMatch(/^Replicas:\s+0 desired \| 0 updated \| 0 total \| 0 available \| 0 unavailable$/m);
      expect(out).toMatch(/^StrategyType:\s+RollingUpdate$/m);
      expect(out).toMatch(/^RollingUpdateStrategy:\s+25% max unavailable, 25% max surge$/m);
      expect(out).toMatch(/^\s+my-container:\n\s+Image:\s+nginx:1\.21$/m);
    });
  });

  describe('edit', () => {
    beforeAll(async () => {
      await applyObjects(drydock(), deploymentManifest('edit-me', 'nginx:1.21', 0));
    });

    it('edit with EDITOR set to a sed script applies the edited object', async () => {
      const editor = writeEditorScript(drydock().workDir, 'bump-image.sh', `sed -i 's/image: nginx:1.21/image: nginx:1.22/' "$1"`);
      const result = await drydock().run(['edit', 'deployment', 'edit-me'], { env: { EDITOR: editor } });
      expect(expectSuccess(result)).toBe('deployment.apps/edit-me edited\n');
      expect((await getJson(drydock(), ['deployment', 'edit-me'])).spec.template.spec.containers[0].image).toBe('nginx:1.22');
    });

    it('edit that changes nothing reports that the edit was cancelled', async () => {
      const editor = writeEditorScript(drydock().workDir, 'no-op.sh', 'exit 0');
      const before = (await getJson(drydock(), ['deployment', 'edit-me'])).metadata.resourceVersion;
      const result = await drydock().run(['edit', 'deployment', 'edit-me'], { env: { EDITOR: editor } });
      expectSuccess(result);
      expect(result.stdout + result.stderr).toContain('Edit cancelled, no changes made.');
      expect((await getJson(drydock(), ['deployment', 'edit-me'])).metadata.resourceVersion).toBe(before);
    });
  });

  describe('patch', () => {
    beforeAll(async () => {
      await applyObjects(drydock(), deploymentManifest('patch-me', 'nginx', 0), configMapManifest('patched-twice', { a: '1' }));
    });

    it('patch (strategic, the default) merges containers by name', async () => {
      const patch = '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox"}]}}}}';
      expect(expectSuccess(await kubectl('patch', 'deployment', 'patch-me', '-p', patch))).toBe('deployment.apps/patch-me patched\n');
      // Upstream puts the patch's new items before the server-only ones (strategicpatch mergeSortedSlice).
      expect(containerNames(await getJson(drydock(), ['deployment', 'patch-me']))).toEqual(['sidecar', 'nginx']);
    });

    it('patch (strategic) of an existing container merges its fields', async () => {
      const patch = '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}}}';
      expect(expectSuccess(await kubectl('patch', 'deployment', 'patch-me', '-p', patch))).toBe('deployment.apps/patch-me patched\n');
      const containers = (await getJson(drydock(), ['deployment', 'patch-me'])).spec.template.spec.containers;
      expect(containers.map((c: Json) => [c.name, c.image])).toEqual([
        ['sidecar', 'busybox'],
        ['nginx', 'nginx:1.27'],
      ]);
    });

    it('patch --type strategic with $patch: delete removes one container', async () => {
      const patch = '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}}}}';
      expect(expectSuccess(await kubectl('patch', 'deployment', 'patch-me', '--type', 'strategic', '-p', patch))).toBe('deployment.apps/patch-me patched\n');
      expect(containerNames(await getJson(drydock(), ['deployment', 'patch-me']))).toEqual(['nginx']);
    });

    it('patch --type merge replaces lists and merges maps', async () => {
      const patch = '{"metadata":{"labels":{"team":"blue"}},"spec":{"template":{"spec":{"containers":[{"name":"only","image":"busybox"}]}}}}';
      expect(expectSuccess(await kubectl('patch', 'deployment', 'patch-me', '--type', 'merge', '-p', patch))).toBe('deployment.apps/patch-me patched\n');
      const deployment = await getJson(drydock(), ['deployment', 'patch-me']);
      expect(containerNames(deployment)).toEqual(['only']);
      expect(deployment.metadata.labels).toEqual({ app: 'patch-me', team: 'blue' });
    });

    it('patch --type json applies RFC 6902 operations', async () => {
      const patch = '[{"op":"replace","path":"/spec/replicas","value":4},{"op":"add","path":"/metadata/annotations/note","value":"json"}]';
      expect(expectSuccess(await kubectl('patch', 'deployment', 'patch-me', '--type', 'json', '-p', patch))).toBe('deployment.apps/patch-me patched\n');
      const deployment = await getJson(drydock(), ['deployment', 'patch-me']);
      expect(deployment.spec.replicas).toBe(4);
      expect(deployment.metadata.annotations.note).toBe('json');
    });

    it('patch that changes nothing prints "patched (no change)" and keeps the resourceVersion', async () => {
      const before = (await getJson(drydock(), ['configmap', 'patched-twice'])).metadata.resourceVersion;
      expect(expectSuccess(await kubectl('patch', 'configmap', 'patched-twice', '-p', '{"data":{"a":"1"}}'))).toBe('configmap/patched-twice patched (no change)\n');
      expect((await getJson(drydock(), ['configmap', 'patched-twice'])).metadata.resourceVersion).toBe(before);
    });
  });

  describe('generation', () => {
    beforeAll(async () => applyObjects(drydock(), deploymentManifest('status-me', 'nginx', 0)));

    it('a metadata change keeps metadata.generation; a spec change increments it', async () => {
      const generation = async () => (await getJson(drydock(), ['deployment', 'status-me'])).metadata.generation;
      expect(await generation()).toBe(1);
      expectSuccess(await kubectl('label', 'deployment', 'status-me', 'tier=web'));
      expect(await generation()).toBe(1);
      expectSuccess(await kubectl('patch', 'deployment', 'status-me', '-p', '{"spec":{"minReadySeconds":5}}'));
      expect(await generation()).toBe(2);
    });
  });

  describe('replace', () => {
    it('replace -f of a manifest without resourceVersion overwrites the object', async () => {
      await createNamespace(drydock(), 'replace');
      const manifest = copyFixture('configmap.yaml', drydock().workDir, 'replace-configmap.yaml');
      expectSuccess(await kubectl('create', '-n', 'replace', '-f', manifest));
      editManifest(manifest, (configMap) => (configMap.data = { APP_MODE: 'staging' }));

      expect(expectSuccess(await kubectl('replace', '-n', 'replace', '-f', manifest))).toBe('configmap/app-config replaced\n');
      expect((await getJson(drydock(), ['configmap', 'app-config', '-n', 'replace'])).data).toEqual({ APP_MODE: 'staging' });
    });

    it('replace -f of the object as read back (with its resourceVersion) succeeds', async () => {
      const live = await getJson(drydock(), ['configmap', 'app-config', '-n', 'replace']);
      live.data.APP_PORT = '9090';
      const file = writeManifest(drydock().workDir, 'replace-readback.yaml', live);
      expect(expectSuccess(await kubectl('replace', '-f', file))).toBe('configmap/app-config replaced\n');
      expect((await getJson(drydock(), ['configmap', 'app-config', '-n', 'replace'])).data).toEqual({ APP_MODE: 'staging', APP_PORT: '9090' });
    });
  });

  describe('label and annotate', () => {
    beforeAll(async () => {
      await applyObjects(drydock(), configMapManifest('tagged', { a: '1' }));
    });

    it('label adds a label and refuses to change it without --overwrite', async () => {
      expect(expectSuccess(await kubectl('label', 'configmap', 'tagged', 'env=test'))).toBe('configmap/tagged labeled\n');
      const stderr = expectFailure(await kubectl('label', 'configmap', 'tagged', 'env=prod'));
      expect(stderr).toContain(`error: 'env' already has a value (test), and --overwrite is false`);
      expect(expectSuccess(await kubectl('label', 'configmap', 'tagged', 'env=prod', '--overwrite'))).toBe('configmap/tagged labeled\n');
      expect((await getJson(drydock(), ['configmap', 'tagged'])).metadata.labels).toEqual({ env: 'prod' });
    });

    it('label KEY- removes the label', async () => {
      expect(expectSuccess(await kubectl('label', 'configmap', 'tagged', 'env-'))).toBe('configmap/tagged unlabeled\n');
      expect((await getJson(drydock(), ['configmap', 'tagged'])).metadata.labels ?? {}).toEqual({});
    });

    it('annotate adds and removes an annotation', async () => {
      expect(expectSuccess(await kubectl('annotate', 'configmap', 'tagged', 'note=hello world'))).toBe('configmap/tagged annotated\n');
      expect((await getJson(drydock(), ['configmap', 'tagged'])).metadata.annotations.note).toBe('hello world');
      expect(expectSuccess(await kubectl('annotate', 'configmap', 'tagged', 'note-'))).toBe('configmap/tagged annotated\n');
      expect((await getJson(drydock(), ['configmap', 'tagged'])).metadata.annotations?.note).toBeUndefined();
    });
  });

  describe('scale', () => {
    beforeAll(async () => {
      await applyObjects(drydock(), deploymentManifest('scale-me', 'nginx', 2));
      expectSuccess(await kubectl('apply', '-f', copyFixture('replicaset.yaml', drydock().workDir)));
      expectSuccess(await kubectl('apply', '-f', copyFixture('replicationcontroller.yaml', drydock().workDir)));
    });

    it('scale deployment --replicas changes spec.replicas', async () => {
      expect(expectSuccess(await kubectl('scale', 'deployment', 'scale-me', '--replicas=5'))).toBe('deployment.apps/scale-me scaled\n');
      expect((await getJson(drydock(), ['deployment', 'scale-me'])).spec.replicas).toBe(5);
    });

    it('scale --replicas -f replicaset.yaml scales the ReplicaSet named in the file', async () => {
      const out = expectSuccess(await kubectl('scale', '--replicas=6', '-f', `${drydock().workDir}/replicaset.yaml`));
      expect(out).toBe('replicaset.apps/myapp-replicaset scaled\n');
      expect((await getJson(drydock(), ['replicaset', 'myapp-replicaset'])).spec.replicas).toBe(6);
    });

    it('scale replicationcontroller --replicas changes spec.replicas', async () => {
      expect(expectSuccess(await kubectl('scale', 'rc', 'myapp-rc', '--replicas=1'))).toBe('replicationcontroller/myapp-rc scaled\n');
      expect((await getJson(drydock(), ['rc', 'myapp-rc'])).spec.replicas).toBe(1);
    });

    it('scale --current-replicas succeeds when the precondition holds', async () => {
      expect(expectSuccess(await kubectl('scale', 'deployment', 'scale-me', '--current-replicas=5', '--replicas=3'))).toBe('deployment.apps/scale-me scaled\n');
      expect((await getJson(drydock(), ['deployment', 'scale-me'])).spec.replicas).toBe(3);
    });

    it('the scale subresource is an autoscaling/v1 Scale with the selector', async () => {
      const scale = JSON.parse(expectSuccess(await kubectl('get', '--raw', '/apis/apps/v1/namespaces/default/deployments/scale-me/scale')));
      expect(scale).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: { name: 'scale-me', namespace: 'default' }, spec: { replicas: 3 } });
      expect(scale.status.selector).toBe('app=scale-me');
    });
  });

  describe('delete', () => {
    beforeAll(async () => createNamespace(drydock(), 'doomed'));

    it('delete TYPE NAME deletes the object', async () => {
      await applyObjects(drydock(), configMapManifest('by-name', { a: '1' }, 'doomed'));
      expect(expectSuccess(await kubectl('delete', 'configmap', 'by-name', '-n', 'doomed'))).toBe('configmap "by-name" deleted from doomed namespace\n');
      expect(expectFailure(await kubectl('get', 'configmap', 'by-name', '-n', 'doomed'))).toContain('Error from server (NotFound): configmaps "by-name" not found');
    });

    it('delete pod deletes an unscheduled pod at once', async () => {
      const manifest = copyUnscheduledPod('pod.yaml', drydock().workDir, 'doomed-pod.yaml');
      expectSuccess(await kubectl('apply', '-n', 'doomed', '-f', manifest));
      expect(expectSuccess(await kubectl('delete', 'pod', 'nginx', '-n', 'doomed'))).toBe('pod "nginx" deleted from doomed namespace\n');
      expect(expectFailure(await kubectl('get', 'pod', 'nginx', '-n', 'doomed'))).toContain('Error from server (NotFound): pods "nginx" not found');
    });

    it('delete -f deletes the objects named in the file', async () => {
      const manifest = copyFixture('service.yaml', drydock().workDir, 'doomed-service.yaml');
      expectSuccess(await kubectl('apply', '-n', 'doomed', '-f', manifest));
      expect(expectSuccess(await kubectl('delete', '-n', 'doomed', '-f', manifest))).toBe('service "my-service" deleted from doomed namespace\n');
      expect(expectFailure(await kubectl('get', 'service', 'my-service', '-n', 'doomed'))).toContain('Error from server (NotFound): services "my-service" not found');
    });

    it('delete -l deletes exactly the objects matching the selector', async () => {
      for (const [name, group] of [['a', 'x'], ['b', 'x'], ['c', 'y']]) {
        await applyObjects(drydock(), configMapManifest(`labelled-${name}`, {}, 'doomed', { group }));
      }
      const out = expectSuccess(await kubectl('delete', 'configmaps', '-l', 'group=x', '-n', 'doomed'));
      expect(lines(out).sort()).toEqual(['configmap "labelled-a" deleted from doomed namespace', 'configmap "labelled-b" deleted from doomed namespace']);
      expect(expectSuccess(await kubectl('get', 'configmaps', '-l', 'group', '-n', 'doomed', '-o', 'name'))).toBe('configmap/labelled-c\n');
    });

    it('delete of an object with a finalizer marks it deleted; removing the finalizer removes it', async () => {
      const held = configMapManifest('held', {}, 'doomed');
      await applyObjects(drydock(), { ...held, metadata: { ...held.metadata, finalizers: ['example.com/hold'] } });
      expect(expectSuccess(await kubectl('delete', 'configmap', 'held', '-n', 'doomed', '--wait=false'))).toBe('configmap "held" deleted from doomed namespace\n');

      const marked = await getJson(drydock(), ['configmap', 'held', '-n', 'doomed']);
      expect(marked.metadata.deletionTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(marked.metadata.finalizers).toEqual(['example.com/hold']);
      expectSuccess(await kubectl('patch', 'configmap', 'held', '-n', 'doomed', '--type', 'merge', '-p', '{"metadata":{"finalizers":null}}'));
      expect(expectFailure(await kubectl('get', 'configmap', 'held', '-n', 'doomed'))).toContain('Error from server (NotFound): configmaps "held" not found');
    });

    it('delete --dry-run=server reports the deletion and keeps the object', async () => {
      await applyObjects(drydock(), configMapManifest('kept', {}, 'doomed'));
      expect(expectSuccess(await kubectl('delete', 'configmap', 'kept', '-n', 'doomed', '--dry-run=server'))).toBe('configmap "kept" deleted from doomed namespace (server dry run)\n');
      expect(expectSuccess(await kubectl('get', 'configmap', 'kept', '-n', 'doomed', '-o', 'name'))).toBe('configmap/kept\n');
    });

    it('delete --all deletes every object of the type in the namespace', async () => {
      await createNamespace(drydock(), 'sweep');
      await applyObjects(drydock(), ...['one', 'two', 'three'].map((name) => configMapManifest(name, {}, 'sweep')));
      const out = lines(expectSuccess(await kubectl('delete', 'configmaps', '--all', '-n', 'sweep')));
      for (const name of ['one', 'two', 'three']) expect(out).toContain(`configmap "${name}" deleted from sweep namespace`);
      const remaining = expectSuccess(await kubectl('get', 'configmaps', '-n', 'sweep', '-o', 'name'));
      expect(remaining).not.toMatch(/configmap\/(one|two|three)$/m);
    });
  });

  describe('create', () => {
    it('create namespace creates an Active namespace', async () => {
      expect(expectSuccess(await kubectl('create', 'namespace', 'team-a'))).toBe('namespace/team-a created\n');
      expect(expectSuccess(await kubectl('get', 'namespace', 'team-a', '-o', 'jsonpath={.status.phase}'))).toBe('Active');
    });

    it('create configmap --from-literal stores each literal as a data key', async () => {
      const out = expectSuccess(await kubectl('create', 'configmap', 'app-settings', '--from-literal=mode=dev', '--from-literal=level=3'));
      expect(out).toBe('configmap/app-settings created\n');
      expect((await getJson(drydock(), ['configmap', 'app-settings'])).data).toEqual({ level: '3', mode: 'dev' });
    });

    it('create secret generic stores base64-encoded data of type Opaque', async () => {
      const out = expectSuccess(await kubectl('create', 'secret', 'generic', 'db-creds', '--from-literal=username=admin', '--from-literal=password=s3cr3t'));
      expect(out).toBe('secret/db-creds created\n');
      const secret = await getJson(drydock(), ['secret', 'db-creds']);
      expect(secret.type).toBe('Opaque');
      expect(secret.data).toEqual({ username: 'YWRtaW4=', password: 'czNjcjN0' });
    });

    it('create -f of a manifest with generateName gets a generated name', async () => {
      const file = writeManifest(drydock().workDir, 'generated.yaml', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'gen-' }, data: { a: '1' } });
      const out = expectSuccess(await kubectl('create', '-f', file));
      expect(out).toMatch(/^configmap\/gen-[a-z0-9]{5} created\n$/);
      const name = out.split(' ')[0].split('/')[1];
      expect((await getJson(drydock(), ['configmap', name])).metadata.generateName).toBe('gen-');
    });

    it('create deployment --image builds a Deployment selecting app=NAME', async () => {
      expect(expectSuccess(await kubectl('create', 'deployment', 'web', '--image=nginx:1.25', '--replicas=2'))).toBe('deployment.apps/web created\n');
      const deployment = await getJson(drydock(), ['deployment', 'web']);
      expect(deployment.spec.replicas).toBe(2);
      expect(deployment.spec.selector).toEqual({ matchLabels: { app: 'web' } });
      expect(deployment.spec.template.metadata.labels).toEqual({ app: 'web' });
      expect(deployment.spec.template.spec.containers).toEqual([expect.objectContaining({ name: 'nginx', image: 'nginx:1.25' })]);
    });
  });
});
