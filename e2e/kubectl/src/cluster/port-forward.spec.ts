process.env.DRYDOCK_CLOCK_SCALE = '10';

import { get } from 'node:http';
import { expectSuccess } from '../harness/expectations';
import { findFreePort } from '../harness/free-port';
import { nodesReady, useClusterDrydock } from './support/cluster';

/** A GET as curl sends it, answered through the forwarded local port. */
function httpGet(port: number, path = '/'): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const request = get({ host: '127.0.0.1', port, path, headers: { 'User-Agent': 'curl/8.5.0' }, timeout: 60_000 }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('timeout', () => request.destroy(new Error('no answer within 60 s')));
    request.on('error', reject);
  });
}

/** `kubectl port-forward` (issue 12) through pods/portforward: SPDY from kubectl (tunnelled in a WebSocket) to the simulated kubelet. */
describe('kubectl port-forward: the simulated servers answer on a local port', () => {
  const drydock = useClusterDrydock();
  const kubectl = (...args: string[]) => drydock().run(args);

  beforeAll(async () => {
    await nodesReady(drydock());
    expectSuccess(await kubectl('run', 'web', '--image=nginx:1.27', '--port=80', '--labels=app=web'));
    expectSuccess(await kubectl('expose', 'pod', 'web', '--port=8080', '--target-port=80'));
    expectSuccess(await drydock().run(['wait', '--for=condition=Ready', 'pod/web', '--timeout=90s'], { timeoutMs: 120_000 }));
  });

  it('forwards a local port to the nginx pod: its welcome page with nginx\'s headers, its 404 elsewhere', async () => {
    const port = await findFreePort();
    const forward = drydock().stream(['port-forward', 'pod/web', `${port}:80`]);
    try {
      await forward.waitForOutput(new RegExp(`Forwarding from 127\\.0\\.0\\.1:${port} -> 80`), 60_000);
      const page = await httpGet(port);
      expect({ status: page.status, server: page.headers.server, type: page.headers['content-type'], length: page.headers['content-length'] }).toEqual({ status: 200, server: 'nginx/1.27.0', type: 'text/html', length: '615' });
      expect(page.body).toContain('<title>Welcome to nginx!</title>');
      const missing = await httpGet(port, '/nope');
      expect(missing.status).toBe(404);
      expect(missing.body).toContain('<hr><center>nginx/1.27.0</center>');
      expect(forward.output()).toContain(`Handling connection for ${port}`);
    } finally {
      await forward.stop();
    }
  });

  it('forwards to a Service\'s port (svc/web 8080 → the pod\'s 80), as kubectl resolves it', async () => {
    const port = await findFreePort();
    const forward = drydock().stream(['port-forward', 'svc/web', `${port}:8080`]);
    try {
      await forward.waitForOutput(new RegExp(`Forwarding from 127\\.0\\.0\\.1:${port} -> 80`), 60_000);
      expect((await httpGet(port)).body).toContain('<h1>Welcome to nginx!</h1>');
    } finally {
      await forward.stop();
    }
  });

  it('reports a port nothing listens on as the container runtime does, and kubectl gives up on the pod', async () => {
    const port = await findFreePort();
    const forward = drydock().stream(['port-forward', 'pod/web', `${port}:81`]);
    try {
      await forward.waitForOutput(new RegExp(`Forwarding from 127\\.0\\.0\\.1:${port} -> 81`), 60_000);
      await expect(httpGet(port)).rejects.toThrow();
      const output = await forward.waitForOutput(/lost connection to pod/, 60_000);
      expect(output).toMatch(
        new RegExp(`an error occurred forwarding ${port} -> 81: error forwarding port 81 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace \\\\"/var/run/netns/cni-[0-9a-f-]{36}\\\\": failed to connect to localhost:81 inside namespace \\\\"[0-9a-f]{64}\\\\", IPv4: dial tcp4 127\\.0\\.0\\.1:81: connect: connection refused IPv6 dial tcp6 \\[::1\\]:81: connect: connection refused`),
      );
    } finally {
      await forward.stop();
    }
  });
});
