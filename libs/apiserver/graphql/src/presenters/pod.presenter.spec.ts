import type { KubeObject } from '@drydock/util';
import { isPodFailing, podReadyColumn, podResources, podRestarts, podStatusColumn } from './pod.presenter';

const pod = (status: Record<string, unknown>, spec: Record<string, unknown> = { containers: [{ name: 'web' }] }, metadata: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns', ...metadata }, spec, status });

describe("a pod's STATUS column, as kubectl prints it", () => {
  it('is the phase when nothing more specific is known', () => {
    expect(podStatusColumn(pod({ phase: 'Pending' }))).toBe('Pending');
    expect(podStatusColumn(pod({ phase: 'Running', containerStatuses: [{ name: 'web', ready: true, state: { running: {} } }] }))).toBe('Running');
  });

  it("is a waiting container's reason: ContainerCreating, CrashLoopBackOff, ImagePullBackOff", () => {
    for (const reason of ['ContainerCreating', 'CrashLoopBackOff', 'ImagePullBackOff']) {
      expect(podStatusColumn(pod({ phase: 'Pending', containerStatuses: [{ name: 'web', state: { waiting: { reason } } }] }))).toBe(reason);
    }
  });

  it("is a terminated container's reason, or its exit code or signal without one", () => {
    expect(podStatusColumn(pod({ phase: 'Succeeded', containerStatuses: [{ name: 'web', state: { terminated: { reason: 'Completed', exitCode: 0 } } }] }))).toBe('Completed');
    expect(podStatusColumn(pod({ phase: 'Running', containerStatuses: [{ name: 'web', state: { terminated: { reason: 'OOMKilled', exitCode: 137 } } }] }))).toBe('OOMKilled');
    expect(podStatusColumn(pod({ phase: 'Failed', containerStatuses: [{ name: 'web', state: { terminated: { exitCode: 2 } } }] }))).toBe('ExitCode:2');
    expect(podStatusColumn(pod({ phase: 'Failed', containerStatuses: [{ name: 'web', state: { terminated: { exitCode: 0, signal: 9 } } }] }))).toBe('Signal:9');
  });

  it("is the pod's reason (Evicted, OutOfcpu) over the phase", () => {
    expect(podStatusColumn(pod({ phase: 'Failed', reason: 'Evicted' }))).toBe('Evicted');
  });

  it('shows init containers: Init:N/M, Init:<reason>, Init:ExitCode', () => {
    const spec = { initContainers: [{ name: 'a' }, { name: 'b' }], containers: [{ name: 'web' }] };
    expect(podStatusColumn(pod({ phase: 'Pending', initContainerStatuses: [{ name: 'a', state: { terminated: { exitCode: 0 } } }, { name: 'b', state: { running: {} } }] }, spec))).toBe('Init:1/2');
    expect(podStatusColumn(pod({ phase: 'Pending', initContainerStatuses: [{ name: 'a', state: { waiting: { reason: 'CrashLoopBackOff' } } }] }, spec))).toBe('Init:CrashLoopBackOff');
    expect(podStatusColumn(pod({ phase: 'Pending', initContainerStatuses: [{ name: 'a', state: { terminated: { exitCode: 3 } } }] }, spec))).toBe('Init:ExitCode:3');
  });

  it('is Terminating once deleted unless terminal, and Running when a Completed sidecar-less pod still runs a ready container', () => {
    expect(podStatusColumn(pod({ phase: 'Running' }, undefined, { deletionTimestamp: '2026-01-01T00:00:00Z' }))).toBe('Terminating');
    expect(podStatusColumn(pod({ phase: 'Succeeded' }, undefined, { deletionTimestamp: '2026-01-01T00:00:00Z' }))).toBe('Succeeded');
    const twoContainers = { containers: [{ name: 'a' }, { name: 'b' }] };
    const status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'a', ready: true, state: { running: {} } }, { name: 'b', state: { terminated: { reason: 'Completed', exitCode: 0 } } }] };
    expect(podStatusColumn(pod(status, twoContainers))).toBe('Running');
    expect(podStatusColumn(pod({ ...status, conditions: [] }, twoContainers))).toBe('NotReady');
  });

  it('counts ready containers, restarts, and requests as the scheduler does', () => {
    const p = pod(
      { phase: 'Running', containerStatuses: [{ name: 'a', ready: true, restartCount: 2, state: { running: {} } }, { name: 'b', ready: false, restartCount: 1, state: { running: {} } }] },
      { containers: [{ name: 'a', resources: { requests: { cpu: '100m', memory: '64Mi' } } }, { name: 'b', resources: { requests: { cpu: '250m' } } }], initContainers: [{ name: 'i', resources: { requests: { cpu: '1' } } }] },
    );
    expect(podReadyColumn(p)).toBe('1/2');
    expect(podRestarts(p)).toBe(3);
    expect(podResources(p, 'requests')).toEqual({ cpu: 1, memory: 64 * 1024 * 1024, pods: 1 });
  });

  it('calls failing pods failing, not pending or running ones', () => {
    expect(isPodFailing(pod({ phase: 'Running', containerStatuses: [{ name: 'web', state: { waiting: { reason: 'CrashLoopBackOff' } } }] }))).toBe(true);
    expect(isPodFailing(pod({ phase: 'Failed' }))).toBe(true);
    expect(isPodFailing(pod({ phase: 'Pending', containerStatuses: [{ name: 'web', state: { waiting: { reason: 'ContainerCreating' } } }] }))).toBe(false);
    expect(isPodFailing(pod({ phase: 'Running', containerStatuses: [{ name: 'web', ready: true, state: { running: {} } }] }))).toBe(false);
  });

  it('computes a copy of an unchanged pod once, and a pod whose status or spec changed again', () => {
    const first = pod({ phase: 'Running', containerStatuses: [{ name: 'web', ready: true, state: { running: {} } }] }, { containers: [{ name: 'web', resources: { requests: { cpu: '1' } } }] });
    const copy = { ...first, apiVersion: 'v1' };
    expect(podStatusColumn(first)).toBe('Running');
    expect(podStatusColumn(copy)).toBe('Running');
    const changed = { ...first, status: { phase: 'Running', containerStatuses: [{ name: 'web', state: { waiting: { reason: 'CrashLoopBackOff' } } }] } };
    expect(podStatusColumn(changed)).toBe('CrashLoopBackOff');
    expect(podStatusColumn(copy)).toBe('Running');
    const requests = podResources(copy, 'requests');
    requests.cpu = 99;
    expect(podResources(first, 'requests').cpu).toBe(1);
    expect(podResources({ ...first, spec: { containers: [{ name: 'web', resources: { requests: { cpu: '2' } } }] } }, 'requests').cpu).toBe(2);
  });
});
