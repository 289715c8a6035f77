import WebSocket from 'ws';
import { resources, WatchHandle } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import { eventually, useDrydock } from '../support/use-drydock';
import { collect, graphqlTestClient, GraphqlTestClient } from './support/graphql-test-client';
import { createNamespace, deployment, rolledOut } from './support/fixtures';

const ns = 'gql-subscriptions';

interface ChangeBatch {
  objectChanges: { type: string; kind: string; namespace: string; name: string; resourceVersion: string; object: KubeObject; pod: { name: string; status: string; phase: string } | null }[];
}

describe('GraphQL subscriptions over graphql-ws against a real Drydock', () => {
  const drydock = useDrydock({ name: 'graphql-subscriptions', nodes: 2, controlLoop: true, clockScale: 5 });
  let gql: GraphqlTestClient;
  const client = () => drydock().client();

  beforeAll(async () => {
    gql = graphqlTestClient(drydock());
    await eventually('two nodes', async () => (await client().list(resources.nodes)).items.length === 2, 90_000);
    await createNamespace(client(), ns);
  }, 240_000);
  afterAll(() => gql?.close());

  it('delivers object changes batched: a scale-up of 12 pods arrives in far fewer messages than watch events', async () => {
    await client().create(resources.deployments, ns, deployment('burst', 'nginx:1.27', 0));
    const raw: string[] = [];
    const watch: WatchHandle = client().watch(resources.pods, { namespace: ns }, (event) => raw.push(event.type));
    const sub = collect<ChangeBatch>(gql.ws(), 'subscription($ns: String) { objectChanges(kinds: ["Pod", "apps/v1/Deployment"], namespace: $ns) { type kind namespace name uid resourceVersion object pod { name status phase ready } } }', { ns });
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await client().patch(resources.deployments, ns, 'burst', { spec: { replicas: 12 } }, 'merge');
      const latest = new Map<string, { status: string }>();
      await eventually('12 running pods seen through the subscription', () => {
        for (const batch of sub.messages.splice(0)) {
          sub.seen.push(batch);
          for (const change of batch.objectChanges) if (change.kind === 'Pod' && change.pod) latest.set(change.name, change.pod);
        }
        return latest.size === 12 && [...latest.values()].every((pod) => pod.status === 'Running');
      }, 60_000);
      expect(sub.errors).toEqual([]);
      const batches = sub.seen;
      const changes = batches.reduce((sum, batch) => sum + batch.objectChanges.length, 0);
      expect(batches.every((batch) => batch.objectChanges.length > 0)).toBe(true);
      expect(batches.flatMap((b) => b.objectChanges).some((c) => c.kind === 'Deployment' && c.name === 'burst' && c.type === 'MODIFIED')).toBe(true);
      // Every pod was added, scheduled, started and became ready: many watch events, few messages,
      // never more than one message per 250 ms window (the server's windows and the network's jitter
      // aside), and messages that carry many changes.
      expect(raw.length).toBeGreaterThanOrEqual(36);
      expect(batches.length).toBeLessThan(raw.length);
      const gaps = sub.arrivals.slice(1).map((at, i) => at - sub.arrivals[i]);
      expect(gaps.filter((gap) => gap < 150).length).toBeLessThanOrEqual(Math.ceil(gaps.length / 4));
      expect(Math.max(...batches.map((batch) => batch.objectChanges.length))).toBeGreaterThan(1);
      expect(changes).toBeGreaterThan(batches.length);
    } finally {
      sub.stop();
      watch.close();
    }
  });

  it('streams new events as they are recorded', async () => {
    const sub = collect<{ events: { reason: string; type: string; involvedObject: { kind: string; name: string } }[] }>(gql.ws(), 'subscription($ns: String) { events(namespace: $ns) { uid type reason message count lastTimestamp involvedObject { kind name } } }', { ns });
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await client().create(resources.pods, ns, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'noisy' }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'echo start; while true; do echo tick; sleep 1; done'] }] } } as KubeObject);
      await eventually('the Scheduled event of noisy', () => sub.messages.flatMap((m) => m.events).some((e) => e.reason === 'Scheduled' && e.involvedObject.name === 'noisy'), 30_000);
      expect(sub.errors).toEqual([]);
    } finally {
      sub.stop();
    }
  });

  it("follows a pod's logs with timestamps", async () => {
    await eventually('noisy running', async () => ((await client().get(resources.pods, ns, 'noisy'))?.status as { phase?: string } | undefined)?.phase === 'Running', 30_000);
    const sub = collect<{ podLogs: { pod: string; container: string; timestamp: string; line: string }[] }>(gql.ws(), 'subscription($ns: String!) { podLogs(namespace: $ns, name: "noisy", tailLines: 5) { pod container timestamp line } }', { ns });
    try {
      await eventually('two ticks', () => sub.messages.flatMap((m) => m.podLogs).filter((l) => l.line === 'tick').length >= 2, 30_000);
      const lines = sub.messages.flatMap((m) => m.podLogs);
      expect(lines[0]).toEqual({ pod: 'noisy', container: 'c', timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/), line: expect.any(String) });
      expect(sub.errors).toEqual([]);
    } finally {
      sub.stop();
    }
  });

  it("merges the logs of a workload's pods, and follows the pods it starts later", async () => {
    await client().create(resources.deployments, ns, deployment('logs', 'nginx:1.27', 2));
    await rolledOut(client(), ns, 'logs');
    const sub = collect<{ workloadLogs: { pod: string; line: string }[] }>(gql.ws(), 'subscription($ns: String!) { workloadLogs(kind: Deployment, namespace: $ns, name: "logs") { pod container timestamp line } }', { ns });
    try {
      await eventually('lines of both pods', () => new Set(sub.messages.flatMap((m) => m.workloadLogs).map((l) => l.pod)).size === 2, 30_000);
      await client().patch(resources.deployments, ns, 'logs', { spec: { replicas: 3 } }, 'merge');
      await eventually('lines of the third pod', () => new Set(sub.messages.flatMap((m) => m.workloadLogs).map((l) => l.pod)).size === 3, 30_000);
      expect(sub.errors).toEqual([]);
    } finally {
      sub.stop();
    }
  });

  it('refuses a subscription for an unknown kind, or over the depth limit, with a GraphQL error', async () => {
    const unknown = collect(gql.ws(), 'subscription { objectChanges(kinds: ["Gadget"]) { name } }');
    await eventually('the error', () => unknown.errors.length > 0);
    expect(JSON.stringify(unknown.errors)).toContain('unknown kind \\"Gadget\\"');
    expect(JSON.stringify(unknown.errors)).toContain('"code":"BadRequest"');
    const deep = collect(gql.ws(), 'subscription { objectChanges(kinds: ["Pod"]) { pod { node { pods { node { pods { node { pods { node { pods { node { name } } } } } } } } } } } }');
    await eventually('the depth error', () => deep.errors.length > 0);
    expect(JSON.stringify(deep.errors)).toMatch(/maximum query depth is 10/);
  });

  it('closes a graphql-ws connection without valid credentials with 4401, and refuses an upgrade with a wrong Authorization header with 401', async () => {
    for (const token of [null, 'wrong-token']) {
      const sub = collect(gql.ws({ token }), 'subscription { events { uid } }');
      await eventually('the close', () => sub.errors.length > 0);
      expect((sub.errors[0] as { code?: number }).code).toBe(4401);
      expect((sub.errors[0] as { reason?: string }).reason).toBe('Unauthorized');
      expect(sub.messages).toEqual([]);
    }
    const status = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(gql.server.replace(/^https/, 'wss') + '/graphql', 'graphql-transport-ws', { ca: gql.caCert, headers: { Authorization: 'Bearer wrong-token' } });
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => reject(new Error('the upgrade was accepted')));
      socket.on('error', reject);
    });
    expect(status).toBe(401);
  });
});
