import type { KubeObject } from '@drydock/util';
import { resources } from '@drydock/client';
import { createNamespace, eventually, useControllers } from './support/use-controllers';

/** Waits for `probe` to give a value, and gives it. */
async function valueOf<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  let value: T | undefined;
  await eventually(what, async () => (value = await probe()) !== undefined, 30_000);
  return value!;
}

type Json = KubeObject & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ns = 'hpa-e2e';
const deployment = (name: string, replicas: number) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '100m' } } }] } } },
});
const hpa = (name: string, target: { apiVersion?: string; kind?: string; name: string }, maxReplicas = 3) => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', ...target }, minReplicas: 1, maxReplicas, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] },
});

/** The HPA controller's paths that need no metrics, with upstream's conditions and events (no nodes run here). */
describe('the HorizontalPodAutoscaler controller against a real Drydock', () => {
  // Real time: the 15 s resync does not come between a reconcile and the checks of its status.
  const harness = useControllers({ manager: false, clockScale: 1 });
  const condition = async (name: string, type: string) => ((await harness().client.get<Json>(resources.horizontalpodautoscalers, ns, name))?.status?.conditions ?? []).find((c: Json) => c.type === type);
  const eventOf = (name: string, reason: string) => valueOf(`a ${reason} event of ${name}`, async () =>
    (await harness().client.list<Json>(resources.events, { namespace: ns })).items.find((e) => e.involvedObject?.name === name && e.reason === reason));

  beforeAll(async () => {
    await harness().startManager({ controllers: ['horizontalpodautoscaling'] });
    await createNamespace(harness().client, ns);
  });

  it('cannot get the scale of a target that does not exist, or of a kind that is not scalable', async () => {
    const { client } = harness();
    await client.create(resources.horizontalpodautoscalers, ns, hpa('missing', { name: 'nope' }));
    await client.create(resources.horizontalpodautoscalers, ns, hpa('unknown', { apiVersion: 'example.com/v1', kind: 'Widget', name: 'w' }));
    const missing = await valueOf('AbleToScale=False', async () => condition('missing', 'AbleToScale'));
    expect(missing).toMatchObject({ status: 'False', reason: 'FailedGetScale', message: 'the HPA controller was unable to get the target\'s current scale: deployments.apps "nope" not found' });
    expect((await eventOf('missing', 'FailedGetScale')).message).toBe('deployments.apps "nope" not found');
    expect((await eventOf('unknown', 'FailedGetScale')).message).toBe('no matches for kind "Widget" in group "example.com"');
  });

  it('brings a target above maxReplicas down to it, and leaves a target scaled to zero alone', async () => {
    const { client } = harness();
    await client.create(resources.deployments, ns, deployment('big', 6));
    await client.create(resources.deployments, ns, deployment('off', 0));
    await client.create(resources.horizontalpodautoscalers, ns, hpa('big', { name: 'big' }));
    await client.create(resources.horizontalpodautoscalers, ns, hpa('off', { name: 'off' }));
    expect((await eventOf('big', 'SuccessfulRescale')).message).toBe('New size: 3; reason: Current number of replicas above Spec.MaxReplicas');
    expect((await client.get<Json>(resources.deployments, ns, 'big'))!.spec.replicas).toBe(3);
    const big = await valueOf('the status after the rescale', async () => {
      const status = (await client.get<Json>(resources.horizontalpodautoscalers, ns, 'big'))?.status;
      return status?.desiredReplicas === 3 ? status : undefined;
    });
    expect(big.lastScaleTime).toEqual(expect.any(String));
    expect(big.conditions.find((c: Json) => c.type === 'AbleToScale')).toMatchObject({ status: 'True', reason: 'SucceededRescale', message: 'the HPA controller was able to update the target scale to 3' });
    const off = await valueOf('ScalingActive=False', async () => condition('off', 'ScalingActive'));
    expect(off).toMatchObject({ status: 'False', reason: 'ScalingDisabled', message: 'scaling is disabled since the replica count of the target is zero' });
    expect((await client.get<Json>(resources.deployments, ns, 'off'))!.spec.replicas).toBe(0);
  });

  it('reports a metric it cannot compute: no pods yet, so no metrics', async () => {
    const { client } = harness();
    await client.create(resources.deployments, ns, deployment('quiet', 2));
    await client.create(resources.horizontalpodautoscalers, ns, hpa('quiet', { name: 'quiet' }));
    const active = await valueOf('ScalingActive=False', async () => condition('quiet', 'ScalingActive'));
    expect(active).toMatchObject({ status: 'False', reason: 'FailedGetResourceMetric', message: 'the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API' });
    expect((await eventOf('quiet', 'FailedComputeMetricsReplicas')).message).toBe('invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API');
  });
});
