process.env.DRYDOCK_CLOCK_SCALE = '10';

import { nodesReady, useClusterDrydock } from '../cluster/support/cluster';
import { createScenarioPods, MULTI_DOCUMENT_YAML, pythonScenario } from './support/client-scenarios';

const NS = 'py';

/** Debian's python3-kubernetes (the official Python client) against a real Drydock: issue 12's "exec returns no output and watches never start". */
describe('the official Python client (python3-kubernetes)', () => {
  const drydock = useClusterDrydock();
  const scenario = (name: string, ...args: string[]) => pythonScenario(drydock(), name, ...args);

  beforeAll(async () => {
    await nodesReady(drydock());
    await createScenarioPods(drydock(), NS);
  });

  it('creates, lists, patches (strategic, json, merge, apply) and deletes; errors are ApiException with the Status body byte for byte', async () => {
    const seen = await scenario('crud', NS);
    expect(seen.listed).toEqual(['c1']);
    expect(seen.strategic).toEqual({ a: '1', b: '2' });
    expect(seen.json).toEqual({ a: 'one', b: '2' });
    expect(seen.merge).toEqual({ a: 'one', c: '3' });
    expect(seen.apply).toEqual({ data: { x: 'y' }, managers: ['py-apply'] });
    expect(seen.afterDelete).toEqual({
      status: 404,
      reason: 'Not Found',
      body: '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"configmaps \\"c1\\" not found","reason":"NotFound","details":{"name":"c1","kind":"configmaps"},"code":404}\n',
    });
    expect(seen.conflict).toEqual({ status: 409, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'configmaps "c2" already exists', reason: 'AlreadyExists', details: { name: 'c2', kind: 'configmaps' }, code: 409 } });
  });

  it('lists apiregistration.k8s.io APIServices (ApiregistrationV1Api): the Local one of apps/v1 is Available', async () => {
    const seen = await scenario('api_services');
    expect(seen.names).toEqual(expect.arrayContaining(['v1.', 'v1.apps', 'v1beta1.metrics.k8s.io']));
    expect(seen.apps).toEqual({ local: true, available: 'True', reason: 'Local' });
  });

  it('watches from a list\'s resourceVersion with watch.Watch().stream (watch=True starts a watch)', async () => {
    expect((await scenario('watch_events', NS)).events).toEqual([['ADDED', 'w1', 'v'], ['MODIFIED', 'w1', 'v2'], ['DELETED', 'w1', 'v2']]);
  });

  it('reads allowWatchBookmarks=True and sendInitialEvents=True as Go does: the initial objects, then the initial-events-end bookmark', async () => {
    const { types } = await scenario('watch_bookmarks', NS);
    expect(types[types.length - 1]).toEqual(['BOOKMARK', 'true']);
    expect(types.slice(0, -1).every(([type]: string[]) => type === 'ADDED')).toBe(true);
    expect(types.length).toBeGreaterThan(1);
  });

  it('execs with stdout and stderr (stream), a non-zero exit as returncode, and an interactive /bin/sh over stdin', async () => {
    expect(await scenario('exec_output', NS, 's')).toEqual({ combined: 'out\nerr\n', failed: { stdout: 'partial\n', returncode: 3 }, shell: { line: '/etc', returncode: 4 } });
  });

  it('reads logs, a tail with timestamps, and follows them through Watch().stream(read_namespaced_pod_log)', async () => {
    const seen = await scenario('logs', NS, 'logger');
    expect(seen.text).toMatch(/^first\nsecond\n(tick\n)*$/);
    expect(seen.tail).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z (second|tick)\n$/);
    expect(seen.followed).toEqual(['first', 'second']);
  });

  it('attaches to a shell started with stdin: what it is told to echo comes back, exit ends the stream', async () => {
    expect(await scenario('attach', NS, 'att')).toEqual({ line: 'attached att', open: false });
  });

  it('port-forwards (portforward, the kubelet\'s WebSocket channels): nginx answers a GET; a closed port reports the runtime\'s error', async () => {
    const open = await scenario('port_forward', NS, 'web', '80');
    expect(open.reply).toMatch(/^HTTP\/1\.1 200 OK\r\nServer: nginx\/1\.27\.0\r\n[^]*\r\n\r\n<!DOCTYPE html>/);
    expect(open.reply).toContain('<title>Welcome to nginx!</title>');
    expect(open.error).toBeNull();
    const closed = await scenario('port_forward', NS, 'web', '81');
    expect(closed.error).toMatch(/^error forwarding port 81 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace ".*": failed to connect to localhost:81 inside namespace "[0-9a-f]{64}", IPv4: dial tcp4 127\.0\.0\.1:81: connect: connection refused IPv6 dial tcp6 \[::1\]:81: connect: connection refused $/);
  });

  it('creates from multi-document YAML, reporting the document that already exists as FailToCreateError', async () => {
    const { failures } = await scenario('create_from_yaml', NS, MULTI_DOCUMENT_YAML);
    expect(failures).toEqual([{ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'configmaps "first" already exists', reason: 'AlreadyExists', details: { name: 'first', kind: 'configmaps' }, code: 409 }]);
  });

  it('resumes a watch once after 410 Gone, then raises ApiException 410 (a resourceVersion from before a restart is too old)', async () => {
    await drydock().restart();
    const seen = await scenario('watch_expired', NS, '1');
    expect(seen.status).toBe(410);
    expect(seen.reason).toMatch(/^Expired: too old resource version: 1 \(\d+\)$/);
  });
});
