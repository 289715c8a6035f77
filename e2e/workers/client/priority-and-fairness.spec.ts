import https from 'node:https';
import type { ClientRequest } from 'node:http';
import { loadKubeconfig } from '@drydock/client';
import { eventually, useDrydock } from '../support/use-drydock';

// A small server so one user's flood fills its level: global-default gets ceil(13 × 20 / 245) = 2 seats, and
// a flow's hand of 6 queues holds 6 × 2 requests. Read by the API server the launcher starts for this file.
process.env.DRYDOCK_MAX_REQUESTS_INFLIGHT = '13';
process.env.DRYDOCK_APF_QUEUE_LENGTH_LIMIT = '2';
process.env.DRYDOCK_APF_QUEUE_WAIT_SECONDS = '300';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

const review = JSON.stringify({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { verb: 'get', resource: 'pods', namespace: 'default' } } });

describe('API Priority and Fairness: one user flooding the server', () => {
  const drydock = useDrydock({ name: 'priority-and-fairness' });

  /** A request as `user` (impersonated by the admin); the body, if any, is written by the caller through `started`. */
  function request(user: string, method: string, path: string, started?: (req: ClientRequest) => void): Promise<Answer> {
    const config = loadKubeconfig(drydock().kubeconfigPath, 'priority-and-fairness-e2e');
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number | string[]> = { Authorization: `Bearer ${config.token}`, 'Impersonate-User': user, 'Impersonate-Group': 'system:authenticated', Accept: 'application/json' };
      if (started) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(review) });
      const req = https.request(new URL(path, config.server), { method, headers, ca: config.caCert, agent: false }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      });
      req.on('error', reject);
      if (started) started(req);
      else req.end();
    });
  }

  it('answers the flooding user 429 with Retry-After, and still serves another user', async () => {
    // The flood: reviews whose bodies are held back, so the two served hold their seats and the rest wait in queues.
    const held: ClientRequest[] = [];
    const flood = Array.from({ length: 14 }, () => request('flood', 'POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', (req) => {
      req.write(review.slice(0, 10));
      held.push(req);
    }));
    const probes: Promise<Answer>[] = [];
    let rejected: Answer | undefined;
    await eventually('the flooding user is answered 429', async () => {
      const answer = request('flood', 'GET', '/api/v1');
      probes.push(answer);
      const first = await Promise.race([answer, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 2000))]);
      if (first?.status === 429) rejected = first;
      return rejected !== undefined;
    }, 120_000);
    expect(rejected?.headers['retry-after']).toBe('1');
    expect(rejected?.text).toBe('Too many requests, please try again later.\n');
    expect(rejected?.headers['x-kubernetes-pf-flowschema-uid']).toEqual(expect.any(String));
    expect(rejected?.headers['x-kubernetes-pf-prioritylevel-uid']).toEqual(expect.any(String));

    // Another user is queued in its own queues, never rejected, and served as seats free up.
    const quiet = request('quiet', 'GET', '/api/v1');
    for (const req of held) req.end(review.slice(10));
    expect((await quiet).status).toBe(200);
    const answers = await Promise.all([...flood, ...probes]);
    // Each flood request was either served (the reviews 201, the probes 200) or rejected, never failed otherwise.
    expect(answers.filter((answer) => ![200, 201, 429].includes(answer.status))).toEqual([]);
    expect((await request('quiet', 'GET', '/api/v1')).status).toBe(200);
  }, 240_000);
});
