import { createClock, KubeObject } from '@drydock/util';
import { FakeKubeClient, resources, ResourceRef, SharedInformerFactory } from '@drydock/client';
import type { ControllerContext } from '../controller-context';
import type { Pod } from '../util/workload.types';
import { DaemonSetReconciler } from './daemonset.reconciler';
import { targetNodeName } from './daemon-node-eligibility';

/** Names generateName objects, as the API server does. */
class NamingClient extends FakeKubeClient {
  private sequence = 0;
  override async create<T extends KubeObject>(ref: ResourceRef, namespace: string, object: T): Promise<T> {
    const named = object.metadata.name ? object : { ...object, metadata: { ...object.metadata, name: `${object.metadata.generateName}${String(++this.sequence).padStart(5, 'x')}` } };
    return super.create(ref, namespace, named);
  }
}

const daemonSet = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'ns', generation: 1 }, spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } } };
const node = (name: string, taints?: unknown[]) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name }, spec: { taints } });
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('DaemonSetReconciler (FakeKubeClient)', () => {
  it('creates one pod per eligible node, skipping a node with an untolerated NoSchedule taint, and counts status', async () => {
    const client = new NamingClient();
    await client.create(resources.nodes, '', node('n1'));
    await client.create(resources.nodes, '', node('n2', [{ key: 'dedicated', effect: 'NoSchedule' }]));
    await client.create(resources.nodes, '', node('n3', [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]));
    await client.create(resources.daemonsets, 'ns', daemonSet);
    const informers = new SharedInformerFactory(client, { log: () => undefined });
    const events: string[] = [];
    const ctx: ControllerContext = { client, informers, clock: createClock(1), log: () => undefined, eventsFor: () => ({ event: (_o, _t, reason, message) => events.push(`${reason} ${message}`) }) };
    const reconciler = new DaemonSetReconciler(ctx);
    informers.start();
    await informers.waitForCacheSync(5000);
    await reconciler.sync('ns/agent');
    await settle();
    await reconciler.sync('ns/agent');
    await settle();
    const pods = (await client.list<Pod>(resources.pods, { namespace: 'ns' })).items;
    expect(pods.map(targetNodeName).sort()).toEqual(['n1', 'n3']);
    const [revision] = (await client.list<KubeObject>(resources.controllerrevisions, { namespace: 'ns' })).items;
    const hash = revision.metadata.labels!['controller-revision-hash'];
    expect(revision.metadata.name).toBe(`agent-${hash}`);
    expect(pods.every((pod) => pod.metadata.labels!['controller-revision-hash'] === hash)).toBe(true);
    expect(events.filter((e) => e.startsWith('SuccessfulCreate Created pod: agent-'))).toHaveLength(2);
    const status = (await client.get<KubeObject & { status?: Record<string, unknown> }>(resources.daemonsets, 'ns', 'agent'))!.status;
    expect(status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberMisscheduled: 0, numberReady: 0, updatedNumberScheduled: 2, numberUnavailable: 2, observedGeneration: 1 });
    await informers.stop();
  });
});
