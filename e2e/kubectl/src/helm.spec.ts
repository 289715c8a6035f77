import * as path from 'node:path';
import { FIXTURES_DIR } from './harness/fixtures';
import { expectFailure, expectSuccess } from './harness/expectations';
import { getJson, useDrydock } from './harness/use-drydock';

const CHART = path.join(FIXTURES_DIR, 'charts', 'hello');

describe('helm v4 against Drydock', () => {
  const drydock = useDrydock();
  const helm = (...args: string[]) => drydock().helm(args, { timeoutMs: 120_000 });

  it('helm install --wait deploys the chart and records the release', async () => {
    const out = expectSuccess(await helm('install', 'hello', CHART, '--wait', '--timeout', '60s'));
    expect(out).toMatch(/^NAME: hello$/m);
    expect(out).toMatch(/^STATUS: deployed$/m);
    expect(out).toMatch(/^REVISION: 1$/m);
    expect((await getJson(drydock(), ['configmap', 'hello-config'])).data).toEqual({ message: 'hello' });
    const labels = (await getJson(drydock(), ['service', 'hello-web'])).metadata.labels;
    expect(labels['app.kubernetes.io/managed-by']).toBe('Helm');
  });

  it('helm list shows the deployed release', async () => {
    const out = expectSuccess(await helm('list'));
    expect(out).toMatch(/^NAME\s+NAMESPACE\s+REVISION\s+UPDATED\s+STATUS\s+CHART\s+APP VERSION\s*$/m);
    expect(out).toMatch(/^hello\s+default\s+1\s+.+\s+deployed\s+hello-0\.1\.0\s+1\.0\.0\s*$/m);
  });

  it('helm upgrade applies changed values and removes a field the chart no longer renders', async () => {
    expectSuccess(await helm('upgrade', 'hello', CHART, '--set', 'message=bye', '--set', 'extra=more'));
    expect((await getJson(drydock(), ['configmap', 'hello-config'])).data).toEqual({ message: 'bye', extra: 'more' });

    const out = expectSuccess(await helm('upgrade', 'hello', CHART, '--set', 'message=bye'));
    expect(out).toMatch(/^REVISION: 3$/m);
    expect((await getJson(drydock(), ['configmap', 'hello-config'])).data).toEqual({ message: 'bye' });
  });

  it('helm history lists every revision', async () => {
    const out = expectSuccess(await helm('history', 'hello'));
    expect(out).toMatch(/^1\s+.+\s+superseded\s+hello-0\.1\.0\s+1\.0\.0\s+Install complete$/m);
    expect(out).toMatch(/^3\s+.+\s+deployed\s+hello-0\.1\.0\s+1\.0\.0\s+Upgrade complete$/m);
  });

  it('helm uninstall deletes the objects and the release', async () => {
    expect(expectSuccess(await helm('uninstall', 'hello'))).toMatch(/^release "hello" uninstalled$/m);
    expect(expectFailure(await drydock().run(['get', 'configmap', 'hello-config']))).toContain('Error from server (NotFound): configmaps "hello-config" not found');
    expect(expectSuccess(await drydock().run(['get', 'secrets', '-l', 'owner=helm', '-o', 'name']))).toBe('');
  });
});
