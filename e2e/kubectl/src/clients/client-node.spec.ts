process.env.DRYDOCK_CLOCK_SCALE = '10';

import { nodesReady, useClusterDrydock } from '../cluster/support/cluster';
import { createScenarioPods, MULTI_DOCUMENT_YAML, nodeScenario } from './support/client-scenarios';

const NS = 'js';
const notFound = '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"configmaps \\"c1\\" not found","reason":"NotFound","details":{"name":"c1","kind":"configmaps"},"code":404}\n';

/** @kubernetes/client-node (the 1.x line, the newest that runs on this machine's Node 20) against a real Drydock. */
describe('the official JavaScript client (@kubernetes/client-node)', () => {
  const drydock = useClusterDrydock();
  const scenario = (name: string, ...args: string[]) => nodeScenario(drydock(), name, ...args);

  beforeAll(async () => {
    await nodesReady(drydock());
    await createScenarioPods(drydock(), NS);
  });

  it('creates, lists, patches (strategic, merge, json, server-side apply) and deletes; errors carry the Status body byte for byte', async () => {
    const seen = await scenario('crud', NS);
    expect(seen.listed).toEqual(['c1']);
    expect(seen.strategic).toEqual({ a: '1', b: '2' });
    expect(seen.merge).toEqual({ a: '1', c: '3' });
    expect(seen.json).toEqual({ a: 'one', c: '3' });
    expect(seen.apply).toEqual({ data: { x: 'y' }, managers: ['node-apply'] });
    expect(seen.afterDelete).toEqual({ code: 404, body: notFound });
    expect(seen.conflict.code).toBe(409);
    expect(JSON.parse(seen.conflict.body)).toMatchObject({ reason: 'AlreadyExists', message: 'configmaps "c2" already exists' });
  });

  it('watches from a list\'s resourceVersion with bookmarks allowed, and an informer caches what it lists and watches', async () => {
    expect((await scenario('watchEvents', NS)).events).toEqual([['ADDED', 'w1', 'v'], ['MODIFIED', 'w1', 'v2'], ['DELETED', 'w1', 'v2']]);
    const informed = await scenario('informer', NS);
    expect(informed.data).toEqual({ k: 'informed' });
    expect(informed.cached).toEqual(expect.arrayContaining(['c2', 'i1', 'kube-root-ca.crt']));
  });

  it('execs with stdout and stderr apart, the V1Status of a non-zero exit, and stdin closed by the v5 protocol', async () => {
    const seen = await scenario('execOutput', NS, 's');
    expect(seen.plain).toEqual({ stdout: 'out\n', stderr: 'err\n', status: { metadata: {}, status: 'Success' } });
    expect(seen.failed.status).toEqual({
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
    expect(seen.piped).toEqual({ stdout: '2\n', stderr: '', status: { metadata: {}, status: 'Success' } });
  });

  it('follows logs (Log) and reads a tail (readNamespacedPodLog)', async () => {
    const seen = await scenario('logs', NS, 'logger');
    expect(seen.followed).toEqual(['first', 'second']);
    expect(seen.tail).toMatch(/^(second|tick)\n$/);
  });

  it('attaches to a shell started with stdin (Attach)', async () => {
    expect(await scenario('attach', NS, 'att')).toEqual({ output: 'attached att\n' });
  });

  it('port-forwards a local server\'s connections to the nginx pod (PortForward)', async () => {
    const { reply } = await scenario('portForward', NS, 'web', '80');
    expect(reply).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(reply).toContain('<title>Welcome to nginx!</title>');
  });

  it('creates from multi-document YAML (loadAllYaml, KubernetesObjectApi): two created, the duplicate a 409', async () => {
    const { results } = await scenario('createFromYaml', NS, MULTI_DOCUMENT_YAML);
    expect(results.slice(0, 2)).toEqual(['first', 'second']);
    expect(results[2].code).toBe(409);
    expect(JSON.parse(results[2].body).message).toBe('configmaps "first" already exists');
  });
});
