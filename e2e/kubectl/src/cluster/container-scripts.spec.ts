process.env.DRYDOCK_CLOCK_SCALE = '10';

import { expectSuccess } from '../harness/expectations';
import { getJson } from '../harness/use-drydock';
import { containerEvent, eventually, nodesReady, useClusterDrydock } from './support/cluster';

/** The upstream "Configure Liveness, Readiness and Startup Probes" tutorial's exec-liveness pod, as its page gives it. */
const LIVENESS_EXEC = `apiVersion: v1
kind: Pod
metadata:
  labels:
    test: liveness
  name: liveness-exec
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/busybox:1.27.2
    args:
    - /bin/sh
    - -c
    - touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600
    livenessProbe:
      exec:
        command:
        - cat
        - /tmp/healthy
      initialDelaySeconds: 5
      periodSeconds: 5
`;

/** The upstream "Attach Handlers to Container Lifecycle Events" tutorial's pod. */
const LIFECYCLE_DEMO = `apiVersion: v1
kind: Pod
metadata:
  name: lifecycle-demo
spec:
  containers:
  - name: lifecycle-demo-container
    image: nginx
    lifecycle:
      postStart:
        exec:
          command: ["/bin/sh", "-c", "echo Hello from the postStart handler > /usr/share/message"]
      preStop:
        exec:
          command: ["/bin/sh","-c","nginx -s quit; while killall -0 nginx; do sleep 1; done"]
`;

/** Container commands that are scripts run in the container's shell on the simulated clock (issue 11). */
describe('scripts as container commands and exec probes', () => {
  const drydock = useClusterDrydock();
  const kubectl = (...args: string[]) => drydock().run(args);

  beforeAll(async () => {
    await nodesReady(drydock());
  });

  it('logs a date every 5 simulated seconds from `while true; do date; sleep 5; done`', async () => {
    expectSuccess(await kubectl('run', 'clock', '--image=busybox', '--', 'sh', '-c', 'while true; do date; sleep 5; done'));
    const logs = await eventually('four dates in the log', async () => {
      const text = expectSuccess(await kubectl('logs', 'clock'));
      return text.split('\n').filter(Boolean).length >= 4 ? text : undefined;
    }, 30_000);
    for (const line of logs.split('\n').filter(Boolean)) expect(line).toMatch(/^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d UTC \d{4}$/);
  });

  it('restarts the tutorial\'s liveness-exec pod on its own once /tmp/healthy is gone, with the tutorial\'s events', async () => {
    expectSuccess(await drydock().run(['apply', '-f', '-'], { stdin: LIVENESS_EXEC }));
    await eventually('the container to be restarted', async () => {
      const pod = await getJson(drydock(), ['pod', 'liveness-exec']);
      return (pod.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1 ? pod : undefined;
    }, 60_000);
    // Events trail the status (the kubelet's event writes wait behind status writes).
    const description = await eventually('the Killing event', async () => {
      const text = expectSuccess(await kubectl('describe', 'pod', 'liveness-exec'));
      return /Killing/.test(text) ? text : undefined;
    }, 30_000);
    const c = containerEvent('liveness');
    expect(description).toMatch(new RegExp(String.raw`Warning\s+Unhealthy\s+.*kubelet\s+${c}Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory`));
    expect(description).toMatch(new RegExp(String.raw`Normal\s+Killing\s+.*kubelet\s+${c}Container liveness failed liveness probe, will be restarted`));
    expect(description).toMatch(/Last State:\s+Terminated\n\s+Reason:\s+Error\n\s+Exit Code:\s+137/);
  });

  it('runs the lifecycle tutorial\'s postStart hook in the container: its message is there for exec', async () => {
    expectSuccess(await drydock().run(['apply', '-f', '-'], { stdin: LIFECYCLE_DEMO }));
    expectSuccess(await drydock().run(['wait', '--for=condition=Ready', 'pod/lifecycle-demo', '--timeout=60s'], { timeoutMs: 90_000 }));
    const message = await eventually('the postStart message', async () => {
      const result = await kubectl('exec', 'lifecycle-demo', '--', 'cat', '/usr/share/message');
      return result.code === 0 ? result.stdout : undefined;
    }, 30_000);
    expect(message).toBe('Hello from the postStart handler\n');
  });
});
