process.env.DRYDOCK_CLOCK_SCALE = '10';

import * as path from 'node:path';
import { expectSuccess } from '../harness/expectations';
import { FIXTURES_DIR } from '../harness/fixtures';
import { Json } from '../harness/json';
import { getJson } from '../harness/use-drydock';
import { containerEvent, eventually, isRunningAndReady, nodesReady, useClusterDrydock } from './support/cluster';

const fixture = (file: string) => path.join(FIXTURES_DIR, 'cluster', file);

describe('single pods on the simulated nodes: run, logs, exec, describe, failures', () => {
  const drydock = useClusterDrydock();
  const kubectl = (...args: string[]) => drydock().run(args);
  const pod = (name: string) => getJson(drydock(), ['pod', name]);
  /** Polls `kubectl describe pod` until `pattern` matches, and returns the whole description. */
  const describeUntil = (name: string, pattern: RegExp, timeoutMs = 30_000) => {
    let last = '';
    return eventually(`kubectl describe pod ${name} to match ${pattern}`, async () => {
      last = expectSuccess(await kubectl('describe', 'pod', name));
      return pattern.test(last) ? last : undefined;
    }, timeoutMs, async () => last);
  };

  beforeAll(async () => {
    await nodesReady(drydock());
  });

  it('run my-pod --image=nginx --restart=Never gives a Running pod bound to a node', async () => {
    expect(expectSuccess(await kubectl('run', 'my-pod', '--image=nginx', '--restart=Never'))).toBe('pod/my-pod created\n');
    expectSuccess(await drydock().run(['wait', '--for=condition=Ready', 'pod/my-pod', '--timeout=60s'], { timeoutMs: 90_000 }));
    const running = await pod('my-pod');
    expect(isRunningAndReady(running)).toBe(true);
    expect(running.spec.nodeName).toMatch(/^node-[123]$/);
    expect(running.status.podIP).toMatch(/^10\.244\.\d+\.\d+$/);
    expect(expectSuccess(await kubectl('get', 'pod', 'my-pod', '--no-headers'))).toMatch(/^my-pod\s+1\/1\s+Running\s+0\s+/);
  });

  it('logs my-pod prints nginx\'s start-up output', async () => {
    const logs = expectSuccess(await kubectl('logs', 'my-pod'));
    expect(logs).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up');
    expect(logs).toMatch(/\[notice\] 1#1: start worker processes/);
  });

  it('exec my-pod -- env shows HOSTNAME=my-pod and the kubernetes Service variables', async () => {
    const env = expectSuccess(await kubectl('exec', 'my-pod', '--', 'env'));
    const lines = env.split('\n');
    expect(lines).toContain('HOSTNAME=my-pod');
    expect(lines.some((line) => /^KUBERNETES_SERVICE_HOST=\d+\.\d+\.\d+\.\d+$/.test(line))).toBe(true);
    expect(lines).toContain('KUBERNETES_SERVICE_PORT=443');
  });

  it('describe pod my-pod shows its events: Scheduled, Pulling, Pulled, Created, Started', async () => {
    const description = await describeUntil('my-pod', /Started\s+\S+\s+kubelet/);
    expect(description).toMatch(/^Name:\s+my-pod$/m);
    expect(description).toMatch(/^Status:\s+Running$/m);
    const events = description.slice(description.indexOf('Events:'));
    expect(events).toMatch(/Type\s+Reason\s+Age\s+From\s+Message/);
    const node = (await pod('my-pod')).spec.nodeName;
    expect(events).toMatch(new RegExp(`Normal\\s+Scheduled\\s+\\S+\\s+default-scheduler\\s+Successfully assigned default/my-pod to ${node}`));
    const c = containerEvent('my-pod');
    expect(events).toMatch(new RegExp(String.raw`Normal\s+Pulling\s+\S+\s+kubelet\s+${c}Pulling image "nginx"`));
    expect(events).toMatch(new RegExp(String.raw`Normal\s+Pulled\s+\S+\s+kubelet\s+${c}Successfully pulled image "nginx" in \S+ \(\S+ including waiting\)\. Image size: \d+ bytes\.`));
    expect(events).toMatch(new RegExp(String.raw`Normal\s+Created\s+\S+\s+kubelet\s+${c}Created container: my-pod`));
    expect(events).toMatch(new RegExp(String.raw`Normal\s+Started\s+\S+\s+kubelet\s+${c}Started container my-pod`));
    // kubectl sorts events by time at one-second resolution (ties in any order), so the order is checked on the
    // events themselves: each step is timestamped no earlier (to the second) than the one before it.
    const recorded = (await getJson(drydock(), ['events', '--field-selector', 'involvedObject.name=my-pod'])).items;
    const second = (event: Json) => Math.floor(Date.parse(event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp) / 1000);
    const steps = ['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started'].map((reason) => {
      const event = recorded.find((e: Json) => e.reason === reason);
      return `${reason}@${event ? second(event) : 'missing'}`;
    });
    const times = steps.map((step) => Number(step.split('@')[1]));
    expect({ steps, ordered: times.every((time, i) => i === 0 || time >= times[i - 1]) }).toEqual({ steps, ordered: true });
  });

  it('a busybox --restart=Never -- echo hello pod ends Completed and logs hello', async () => {
    expectSuccess(await kubectl('run', 'hello', '--image=busybox', '--restart=Never', '--', 'echo', 'hello'));
    expectSuccess(await drydock().run(['wait', '--for=jsonpath={.status.phase}=Succeeded', 'pod/hello', '--timeout=60s'], { timeoutMs: 90_000 }));
    expect(expectSuccess(await kubectl('get', 'pod', 'hello', '--no-headers'))).toMatch(/^hello\s+0\/1\s+Completed\s+0\s+/);
    const terminated = (await pod('hello')).status.containerStatuses[0].state.terminated;
    expect(terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(expectSuccess(await kubectl('logs', 'hello'))).toBe('hello\n');
  });

  it('nginx:no-such-tag fails with ErrImagePull, then ImagePullBackOff', async () => {
    expectSuccess(await kubectl('run', 'bad-tag', '--image=nginx:no-such-tag', '--restart=Never'));
    const reasons = new Set<string>();
    await eventually('the pod to wait in ImagePullBackOff after ErrImagePull', async () => {
      const reason = (await pod('bad-tag')).status?.containerStatuses?.[0]?.state?.waiting?.reason;
      if (reason) reasons.add(reason);
      return reason === 'ImagePullBackOff' ? reason : undefined;
    }, 60_000, async () => `reasons seen: ${[...reasons].join(', ')}\n${expectSuccess(await kubectl('describe', 'pod', 'bad-tag'))}`, 100);
    expect(expectSuccess(await kubectl('get', 'pod', 'bad-tag', '--no-headers'))).toMatch(/^bad-tag\s+0\/1\s+(ImagePullBackOff|ErrImagePull)\s+0\s+/);
    const events = await describeUntil('bad-tag', /Back-off pulling image "nginx:no-such-tag"/);
    const c = containerEvent('bad-tag');
    expect(events).toMatch(new RegExp(String.raw`Warning\s+Failed\s+\S+\s+kubelet\s+${c}Failed to pull image "nginx:no-such-tag": rpc error: code = NotFound`));
    expect(events).toMatch(new RegExp(String.raw`Warning\s+Failed\s+\S+\s+kubelet\s+${c}Error: ErrImagePull`));
    expect(events).toMatch(new RegExp(String.raw`Normal\s+BackOff\s+\S+\s+kubelet\s+${c}Back-off pulling image "nginx:no-such-tag"`));
    expect(events).toMatch(new RegExp(String.raw`Warning\s+Failed\s+\S+\s+kubelet\s+${c}Error: ImagePullBackOff`));
    expect((await pod('bad-tag')).status.phase).toBe('Pending');
  });

  it('a pod requesting more CPU than any node has stays Pending with the scheduler\'s Insufficient cpu message', async () => {
    expect(expectSuccess(await kubectl('apply', '-f', fixture('greedy-pod.yaml')))).toBe('pod/greedy created\n');
    // The control-plane node's NoSchedule taint rejects the pod before its resources are looked at.
    const prefix = '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu.';
    const description = await describeUntil('greedy', /FailedScheduling/);
    expect(description).toMatch(/^Status:\s+Pending$/m);
    expect(description).toMatch(/^Node:\s+<none>$/m);
    expect(description).toContain('default-scheduler  0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu.');

    const greedy = await pod('greedy');
    expect(greedy.spec.nodeName).toBeUndefined();
    const scheduled = greedy.status.conditions.find((condition: Json) => condition.type === 'PodScheduled');
    expect(scheduled).toMatchObject({ status: 'False', reason: 'Unschedulable' });
    expect(scheduled.message.startsWith(prefix)).toBe(true);
    const events = (await getJson(drydock(), ['events', '--field-selector', 'involvedObject.name=greedy,reason=FailedScheduling'])).items;
    expect(events.length).toBeGreaterThan(0);
    // Since kubernetes/kubernetes#131345 (merged 2025, before v1.35), a request above a node's whole allocatable is
    // UnschedulableAndUnresolvable, so preemption reports "not helpful" rather than "No preemption victims found".
    expect(events[0].message).toBe(`${prefix} preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.`);
  });
});
