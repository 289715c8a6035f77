import { configMapManifest, copyFixture, namespaceManifest } from './harness/fixtures';
import { expectSuccess } from './harness/expectations';
import { isPortOpen } from './harness/free-port';
import { findPostmasterPidFiles } from './harness/process-group';
import { applyObjects, getJson, useDrydock } from './harness/use-drydock';
import { Json } from './harness/json';

const RESTART_TIMEOUT_MS = 170_000;

describe('persistence across a restart', () => {
  const drydock = useDrydock();
  const before: Record<string, Json> = {};

  beforeAll(async () => {
    for (const file of ['deployment.yaml', 'configmap.yaml', 'secret.yaml', 'service.yaml']) {
      expectSuccess(await drydock().run(['apply', '-f', copyFixture(file, drydock().workDir)]));
    }
    await applyObjects(drydock(), namespaceManifest('kept'), configMapManifest('kept-config', { answer: '42' }, 'kept'));
    before.deployment = await getJson(drydock(), ['deployment', 'my-deploy']);
    before.configMap = await getJson(drydock(), ['configmap', 'kept-config', '-n', 'kept']);
  });

  it('npm start prints where the API server listens and where the kubeconfig is', () => {
    expect(drydock().output()).toContain(String(drydock().port));
    expect(drydock().output()).toContain(drydock().kubeconfig);
  });

  it('Ctrl-C (SIGINT) stops Drydock and everything it started', async () => {
    const stopped = await drydock().stop();
    expect(stopped.leftoverProcesses).toBe(false);
    expect(findPostmasterPidFiles(drydock().dataDir)).toEqual([]);
    expect(await isPortOpen(drydock().port)).toBe(false);
  });

  it(
    'a restart on the same data directory keeps every object (a ConfigMap byte for byte, resourceVersion included)',
    async () => {
      await drydock().restart();
      const deployment = await getJson(drydock(), ['deployment', 'my-deploy']);
      // A controller may have written the deployment's status since; its identity and spec must be kept.
      expect(deployment.metadata.uid).toBe(before.deployment.metadata.uid);
      expect(deployment.metadata.creationTimestamp).toBe(before.deployment.metadata.creationTimestamp);
      expect(deployment.spec).toEqual(before.deployment.spec);

      const configMap = await getJson(drydock(), ['configmap', 'kept-config', '-n', 'kept']);
      expect(configMap).toEqual(before.configMap);
      expect(expectSuccess(await drydock().run(['get', 'secret', 'app-secret', '-o', 'jsonpath={.data.password}']))).toBe('czNjcjN0');
      expect(expectSuccess(await drydock().run(['get', 'service', 'my-service', '-o', 'name']))).toBe('service/my-service\n');
    },
    RESTART_TIMEOUT_MS,
  );

  it('after a restart, apply still sees the objects as unchanged and new writes get higher resourceVersions', async () => {
    expect(expectSuccess(await drydock().run(['apply', '-f', `${drydock().workDir}/deployment.yaml`]))).toBe('deployment.apps/my-deploy unchanged\n');
    expectSuccess(await drydock().run(['scale', 'deployment', 'my-deploy', '--replicas=4']));
    const deployment = await getJson(drydock(), ['deployment', 'my-deploy']);
    expect(BigInt(deployment.metadata.resourceVersion)).toBeGreaterThan(BigInt(before.configMap.metadata.resourceVersion));
    expect(deployment.spec.replicas).toBe(4);
  });
});
