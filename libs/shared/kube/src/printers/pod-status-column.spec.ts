import { podStatusReason, podStatusSummary, PrintablePod } from './pod-status-column';

const pod = (status: Record<string, unknown>, spec: Record<string, unknown> = { containers: [{ name: 'web' }] }, metadata: Record<string, unknown> = {}): PrintablePod => ({ metadata: { name: 'p', namespace: 'ns', ...metadata }, spec, status });

describe("a pod's STATUS column, as kubectl prints it", () => {
  it('is the phase when nothing more specific is known', () => {
    expect(podStatusReason(pod({ phase: 'Pending' }))).toBe('Pending');
    expect(podStatusReason(pod({ phase: 'Running', containerStatuses: [{ name: 'web', ready: true, state: { running: {} } }] }))).toBe('Running');
  });

  it("is a waiting container's reason: ContainerCreating, CrashLoopBackOff, ImagePullBackOff", () => {
    for (const reason of ['ContainerCreating', 'CrashLoopBackOff', 'ImagePullBackOff']) {
      expect(podStatusReason(pod({ phase: 'Pending', containerStatuses: [{ name: 'web', state: { waiting: { reason } } }] }))).toBe(reason);
    }
  });

  it("is a terminated container's reason, or its exit code or signal without one", () => {
    expect(podStatusReason(pod({ phase: 'Succeeded', containerStatuses: [{ name: 'web', state: { terminated: { reason: 'Completed', exitCode: 0 } } }] }))).toBe('Completed');
    expect(podStatusReason(pod({ phase: 'Running', containerStatuses: [{ name: 'web', state: { terminated: { reason: 'OOMKilled', exitCode: 137 } } }] }))).toBe('OOMKilled');
    expect(podStatusReason(pod({ phase: 'Failed', containerStatuses: [{ name: 'web', state: { terminated: { exitCode: 2 } } }] }))).toBe('ExitCode:2');
    expect(podStatusReason(pod({ phase: 'Failed', containerStatuses: [{ name: 'web', state: { terminated: { exitCode: 0, signal: 9 } } }] }))).toBe('Signal:9');
  });

  it("is the pod's reason (Evicted, OutOfcpu) over the phase", () => {
    expect(podStatusReason(pod({ phase: 'Failed', reason: 'Evicted' }))).toBe('Evicted');
  });

  it('shows init containers: Init:N/M, Init:<reason>, Init:ExitCode', () => {
    const spec = { initContainers: [{ name: 'a' }, { name: 'b' }], containers: [{ name: 'web' }] };
    expect(podStatusReason(pod({ phase: 'Pending', initContainerStatuses: [{ name: 'a', state: { terminated: { exitCode: 0 } } }, { name: 'b', state: { running: {} } }] }, spec))).toBe('Init:1/2');
    expect(podStatusReason(pod({ phase: 'Pending', initContainerStatuses: [{ name: 'a', state: { waiting: { reason: 'CrashLoopBackOff' } } }] }, spec))).toBe('Init:CrashLoopBackOff');
    expect(podStatusReason(pod({ phase: 'Pending', initContainerStatuses: [{ name: 'a', state: { terminated: { exitCode: 3 } } }] }, spec))).toBe('Init:ExitCode:3');
  });

  it('is Terminating once deleted unless terminal, and Running when a Completed sidecar-less pod still runs a ready container', () => {
    expect(podStatusReason(pod({ phase: 'Running' }, undefined, { deletionTimestamp: '2026-01-01T00:00:00Z' }))).toBe('Terminating');
    expect(podStatusReason(pod({ phase: 'Succeeded' }, undefined, { deletionTimestamp: '2026-01-01T00:00:00Z' }))).toBe('Succeeded');
    const twoContainers = { containers: [{ name: 'a' }, { name: 'b' }] };
    const status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'a', ready: true, state: { running: {} } }, { name: 'b', state: { terminated: { reason: 'Completed', exitCode: 0 } } }] };
    expect(podStatusReason(pod(status, twoContainers))).toBe('Running');
    expect(podStatusReason(pod({ ...status, conditions: [] }, twoContainers))).toBe('NotReady');
  });

  it('is Unknown for a deleted pod of a lost node, and SchedulingGated for a gated one', () => {
    expect(podStatusReason(pod({ phase: 'Running', reason: 'NodeLost' }, undefined, { deletionTimestamp: '2026-01-01T00:00:00Z' }))).toBe('Unknown');
    expect(podStatusReason(pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }))).toBe('SchedulingGated');
  });
});

describe("a pod's READY and RESTARTS columns", () => {
  it('counts ready running containers and started ready sidecars', () => {
    const spec = { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }], containers: [{ name: 'a' }, { name: 'b' }] };
    const status = {
      phase: 'Running',
      initContainerStatuses: [{ name: 'proxy', started: true, ready: true, restartCount: 1, state: { running: {} } }],
      containerStatuses: [{ name: 'a', ready: true, restartCount: 2, state: { running: {} } }, { name: 'b', ready: true, restartCount: 0, state: { waiting: { reason: 'CrashLoopBackOff' } } }],
      conditions: [{ type: 'Initialized', status: 'True' }],
    };
    expect(podStatusSummary(pod(status, spec))).toMatchObject({ reason: 'CrashLoopBackOff', ready: 2, total: 3, restarts: 3 });
  });

  it('remembers when the last restart happened', () => {
    const status = { phase: 'Running', containerStatuses: [{ name: 'web', restartCount: 1, state: { running: {} }, lastState: { terminated: { exitCode: 1, finishedAt: '2026-01-01T00:00:10Z' } } }] };
    expect(podStatusSummary(pod(status)).lastRestart).toBe(Date.parse('2026-01-01T00:00:10Z'));
  });
});
