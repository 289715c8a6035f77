process.env.DRYDOCK_CLOCK_SCALE = '10';

import { get } from 'node:http';
import { expectSuccess } from '../harness/expectations';
import { findFreePort } from '../harness/free-port';
import { eventually, nodesReady, runningPods, useClusterDrydock } from './support/cluster';

/** A GET to `kubectl proxy`'s local port, following nothing. */
function httpGet(port: number, path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const request = get({ host: '127.0.0.1', port, path, timeout: 60_000 }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('timeout', () => request.destroy(new Error('no answer within 60 s')));
    request.on('error', reject);
  });
}

/** pods/proxy and services/proxy (issue 12): the API server reaches the simulated servers, with upstream's errors. */
describe('pods/proxy and services/proxy: kubectl get --raw and kubectl proxy reach the pods\' servers', () => {
  const drydock = useClusterDrydock();
  const kubectl = (...args: string[]) => drydock().run(['-n', 'proxied', ...args]);
  const raw = (path: string) => drydock().run(['get', '--raw', `/api/v1/namespaces/proxied/${path}`]);
  let pod = '';

  beforeAll(async () => {
    await nodesReady(drydock());
    expectSuccess(await drydock().run(['create', 'namespace', 'proxied']));
    expectSuccess(await kubectl('create', 'deployment', 'web', '--image=nginx:1.27', '--port=80'));
    expectSuccess(await kubectl('expose', 'deployment', 'web', '--port=8080', '--target-port=80'));
    expectSuccess(await kubectl('create', 'service', 'clusterip', 'empty', '--tcp=80:80'));
    pod = (await runningPods(drydock(), 'app=web', 1, 90_000, 'proxied'))[0].metadata.name;
  }, 180_000);

  it('answers nginx\'s page through services/web:8080/proxy/ and pods/NAME:80/proxy/ (get --raw)', async () => {
    const page = await eventually('the Service proxy to answer', async () => {
      const result = await raw('services/web:8080/proxy/');
      return result.code === 0 ? result.stdout : undefined;
    }, 60_000);
    expect(page).toContain('<title>Welcome to nginx!</title>');
    expect(expectSuccess(await raw(`pods/${pod}:80/proxy/`))).toContain('<h1>Welcome to nginx!</h1>');
    expect(expectSuccess(await raw(`pods/${pod}/proxy/index.html`))).toContain('<h1>Welcome to nginx!</h1>');
  });

  it('says upstream\'s errors: no endpoints (503), nothing listening (503), no such Service port, unknown pod', async () => {
    const empty = await raw('services/empty:80/proxy/');
    expect({ code: empty.code, stderr: empty.stderr }).toEqual({ code: 1, stderr: 'Error from server (ServiceUnavailable): no endpoints available for service "empty"\n' });
    const refused = await raw(`pods/${pod}:8080/proxy/`);
    expect(refused.stderr).toMatch(/^Error from server \(ServiceUnavailable\): error trying to reach service: dial tcp 10\.\d+\.\d+\.\d+:8080: connect: connection refused\n$/);
    const port = await raw('services/web:9999/proxy/');
    expect(port.stderr).toBe('Error from server (ServiceUnavailable): no service port 9999 found for service "web"\n');
    const missing = await raw('pods/nope:80/proxy/');
    expect(missing.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it('serves the same through kubectl proxy, with nginx\'s headers and its 404, and redirects …/proxy to …/proxy/', async () => {
    const port = await findFreePort();
    const proxy = drydock().stream(['proxy', `--port=${port}`]);
    try {
      await proxy.waitForOutput(new RegExp(`Starting to serve on 127\\.0\\.0\\.1:${port}`), 60_000);
      const page = await httpGet(port, '/api/v1/namespaces/proxied/services/web:8080/proxy/');
      expect({ status: page.status, server: page.headers.server, length: page.headers['content-length'] }).toEqual({ status: 200, server: 'nginx/1.27.0', length: '615' });
      const missing = await httpGet(port, '/api/v1/namespaces/proxied/services/web:8080/proxy/nope');
      expect(missing.status).toBe(404);
      expect(missing.body).toContain('<hr><center>nginx/1.27.0</center>');
      const bare = await httpGet(port, '/api/v1/namespaces/proxied/services/web:8080/proxy');
      expect({ status: bare.status, location: bare.headers.location }).toEqual({ status: 301, location: '/api/v1/namespaces/proxied/services/web:8080/proxy/' });
    } finally {
      await proxy.stop();
    }
  });
});
