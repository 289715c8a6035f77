process.env.DRYDOCK_CLOCK_SCALE = '10';

import { expectSuccess, lines } from '../harness/expectations';
import { fixturePath } from '../harness/fixtures';
import { Json } from '../harness/json';
import { createNamespace, getJson } from '../harness/use-drydock';
import { eventually, nodesReady, runningPods, useClusterDrydock } from './support/cluster';

const ns = 'hpa-demo';
const LOAD = 'while sleep 0.01; do wget -q -O- http://php-apache; done';

/**
 * The upstream HorizontalPodAutoscaler walkthrough as written: php-apache, `kubectl autoscale`, a
 * busybox pod looping wget against the Service, replicas rising, and falling once the loop stops
 * (the 5-minute scale-down stabilization is 30 s at clock scale 10).
 */
describe('the HorizontalPodAutoscaler walkthrough', () => {
  const drydock = useClusterDrydock();
  const kubectl = (...args: string[]) => drydock().run([...args, '-n', ns]);
  const hpa = () => getJson(drydock(), ['hpa', 'php-apache', '-n', ns]);
  const replicas = async () => (await getJson(drydock(), ['deployment', 'php-apache', '-n', ns])).spec.replicas as number;
  const describeHpa = async () => expectSuccess(await kubectl('describe', 'hpa', 'php-apache'));

  beforeAll(async () => {
    await nodesReady(drydock());
    await createNamespace(drydock(), ns);
    expectSuccess(await kubectl('apply', '-f', fixturePath('cluster/php-apache.yaml')));
    await runningPods(drydock(), 'run=php-apache', 1, 60_000, ns);
  });

  it('kubectl autoscale makes an HPA whose TARGETS shows the idle usage against 50%', async () => {
    expect(expectSuccess(await kubectl('autoscale', 'deployment', 'php-apache', '--cpu-percent=50', '--min=1', '--max=5'))).toBe('horizontalpodautoscaler.autoscaling/php-apache autoscaled\n');
    const row = await eventually('the first metrics in TARGETS', async () => {
      const out = lines(expectSuccess(await kubectl('get', 'hpa')));
      return /cpu: \d+%\/50%/.test(out[1] ?? '') ? out : undefined;
    }, 60_000, describeHpa);
    expect(row[0]).toMatch(/^NAME\s+REFERENCE\s+TARGETS\s+MINPODS\s+MAXPODS\s+REPLICAS\s+AGE$/);
    expect(row[1]).toMatch(/^php-apache\s+Deployment\/php-apache\s+cpu: [0-9]%\/50%\s+1\s+5\s+1\s+\d+s$/);
    const status = (await hpa()).status;
    expect(status.conditions.map((c: Json) => [c.type, c.status, c.reason])).toEqual([
      ['AbleToScale', 'True', 'ReadyForNewScale'],
      ['ScalingActive', 'True', 'ValidMetricFound'],
      ['ScalingLimited', 'False', 'DesiredWithinRange'],
    ]);
    expect(status.currentMetrics[0]).toMatchObject({ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: expect.any(Number) } } });
  });

  it('scales up while the load generator loops, and back down to 1 after it stops', async () => {
    expectSuccess(await drydock().run(['run', 'load-generator', '--image=busybox:1.28', '--restart=Never', '-n', ns, '--', '/bin/sh', '-c', LOAD]));
    await eventually('the Deployment to grow', async () => ((await replicas()) > 1 ? true : undefined), 120_000, describeHpa);
    const up = await eventually('a SuccessfulRescale event', async () =>
      (await getJson(drydock(), ['events', '-n', ns, '--field-selector', 'involvedObject.kind=HorizontalPodAutoscaler'])).items.find((e: Json) => e.reason === 'SuccessfulRescale'),
    );
    expect(up.message).toMatch(/^New size: [2-5]; reason: cpu resource utilization \(percentage of request\) above target$/);
    expect(up.source.component).toBe('horizontal-pod-autoscaler');

    expectSuccess(await kubectl('delete', 'pod', 'load-generator', '--now'));
    await eventually('the Deployment back at 1 replica', async () => ((await replicas()) === 1 ? true : undefined), 180_000, describeHpa);
    const described = await eventually('the scale-down in the HPA\'s events', async () => {
      const text = await describeHpa();
      return /New size: 1; reason: All metrics below target/.test(text) ? text : undefined;
    });
    expect(described).toMatch(/^Reference:\s+Deployment\/php-apache$/m);
    expect(described).toMatch(/^Min replicas:\s+1$/m);
    expect(described).toMatch(/Normal\s+SuccessfulRescale\s+.*horizontal-pod-autoscaler\s+New size: [2-5]; reason: cpu resource utilization \(percentage of request\) above target/);
    expect(described).toMatch(/Normal\s+SuccessfulRescale\s+.*horizontal-pod-autoscaler\s+New size: 1; reason: All metrics below target/);
  });

  const v1Ns = 'hpa-v1';

  it('an autoscaling/v1 HPA scales a Deployment whose pods use 150% of their request (sim.drydock.dev/cpu-usage) and reports v1 status', async () => {
    await createNamespace(drydock(), v1Ns);
    const deployment = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'busy', namespace: v1Ns },
      spec: {
        selector: { matchLabels: { app: 'busy' } },
        template: {
          metadata: { labels: { app: 'busy' }, annotations: { 'sim.drydock.dev/cpu-usage': '150m' } },
          spec: { containers: [{ name: 'busy', image: 'nginx', resources: { requests: { cpu: '100m' } } }] },
        },
      },
    };
    const hpa = { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'busy', namespace: v1Ns }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'busy' }, minReplicas: 1, maxReplicas: 3, targetCPUUtilizationPercentage: 50 } };
    expectSuccess(await drydock().run(['apply', '-f', '-'], { stdin: [deployment, hpa].map((o) => JSON.stringify(o)).join('\n') }));
    const status = await eventually('the HPA at 3 replicas', async () => {
      const current = (await getJson(drydock(), ['hpa.v1.autoscaling', 'busy', '-n', v1Ns])).status;
      return current?.desiredReplicas === 3 && current?.currentReplicas === 3 ? current : undefined;
    }, 120_000, async () => expectSuccess(await drydock().run(['describe', 'hpa', 'busy', '-n', v1Ns])));
    expect(status).toEqual({ currentReplicas: 3, desiredReplicas: 3, currentCPUUtilizationPercentage: 150, lastScaleTime: expect.any(String) });
    const row = lines(expectSuccess(await drydock().run(['get', 'hpa', 'busy', '-n', v1Ns])))[1];
    expect(row).toMatch(/^busy\s+Deployment\/busy\s+cpu: 150%\/50%\s+1\s+3\s+3\s+\d+s$/);
  });
});
