import type { KubeObject } from '@drydock/util';
import { podRow } from './pod-table';

const now = new Date('2026-11-22T12:00:00Z');
const ctx = { now };

function pod(spec: Record<string, unknown>, status: Record<string, unknown>, metadata: Record<string, unknown> = {}): KubeObject {
  return { metadata: { name: 'web', creationTimestamp: '2026-11-22T11:55:00Z', ...metadata }, spec, status };
}

const twoContainers = { containers: [{ name: 'a' }, { name: 'b' }] };
const running = (name: string, extra: Record<string, unknown> = {}) => ({ name, ready: true, restartCount: 0, state: { running: { startedAt: '2026-11-22T11:56:00Z' } }, ...extra });
const cells = (p: KubeObject) => podRow(p, ctx).slice(0, 5);

describe('podRow', () => {
  it('shows a freshly created pod as Pending', () => {
    expect(cells(pod(twoContainers, { phase: 'Pending' }))).toEqual(['web', '0/2', 'Pending', '0', '5m']);
  });

  it('shows ContainerCreating from the waiting reason', () => {
    const status = { phase: 'Pending', containerStatuses: [{ name: 'a', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] };
    expect(cells(pod({ containers: [{ name: 'a' }] }, status))[2]).toBe('ContainerCreating');
  });

  it('counts ready running containers', () => {
    const status = { phase: 'Running', containerStatuses: [running('a'), running('b', { ready: false })] };
    expect(cells(pod(twoContainers, status)).slice(1, 3)).toEqual(['1/2', 'Running']);
  });

  it('shows CrashLoopBackOff with restarts and when the last one happened', () => {
    const status = {
      phase: 'Running',
      containerStatuses: [{
        name: 'a', ready: false, restartCount: 5,
        state: { waiting: { reason: 'CrashLoopBackOff' } },
        lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2026-11-22T11:58:00Z' } },
      }],
    };
    expect(cells(pod({ containers: [{ name: 'a' }] }, status)).slice(2, 4)).toEqual(['CrashLoopBackOff', '5 (2m ago)']);
  });

  it('shows Completed for a finished pod', () => {
    const status = { phase: 'Succeeded', containerStatuses: [{ name: 'a', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] };
    expect(cells(pod({ containers: [{ name: 'a' }] }, status))[2]).toBe('Completed');
  });

  it('shows ExitCode when a container terminated without a reason', () => {
    const status = { phase: 'Failed', containerStatuses: [{ name: 'a', restartCount: 0, state: { terminated: { exitCode: 3 } } }] };
    expect(cells(pod({ containers: [{ name: 'a' }] }, status))[2]).toBe('ExitCode:3');
  });

  it('shows Init:n/m while init containers run', () => {
    const spec = { initContainers: [{ name: 'i1' }, { name: 'i2' }], containers: [{ name: 'a' }] };
    const status = {
      phase: 'Pending',
      initContainerStatuses: [
        { name: 'i1', restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
        { name: 'i2', restartCount: 0, state: { running: {} } },
      ],
      containerStatuses: [{ name: 'a', restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }],
    };
    expect(cells(pod(spec, status))[2]).toBe('Init:1/2');
  });

  it('shows Init:Error and Init:CrashLoopBackOff from failed init containers', () => {
    const spec = { initContainers: [{ name: 'i1' }], containers: [{ name: 'a' }] };
    const failed = { phase: 'Pending', initContainerStatuses: [{ name: 'i1', restartCount: 1, state: { terminated: { exitCode: 1, reason: 'Error' } } }] };
    const looping = { phase: 'Pending', initContainerStatuses: [{ name: 'i1', restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } } }] };
    expect(cells(pod(spec, failed))[2]).toBe('Init:Error');
    expect(cells(pod(spec, looping))[2]).toBe('Init:CrashLoopBackOff');
  });

  it('counts a started sidecar as a ready container', () => {
    const spec = { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }], containers: [{ name: 'a' }] };
    const status = {
      phase: 'Running',
      initContainerStatuses: [{ name: 'proxy', ready: true, started: true, restartCount: 0, state: { running: {} } }],
      containerStatuses: [running('a')],
    };
    expect(cells(pod(spec, status)).slice(1, 3)).toEqual(['2/2', 'Running']);
  });

  it('shows Terminating for a deleted running pod but keeps a finished pod’s status', () => {
    const deleting = { deletionTimestamp: '2026-11-22T11:59:00Z' };
    expect(cells(pod(twoContainers, { phase: 'Running', containerStatuses: [running('a'), running('b')] }, deleting))[2]).toBe('Terminating');
    const done = { phase: 'Succeeded', containerStatuses: [{ name: 'a', state: { terminated: { exitCode: 0, reason: 'Completed' } } }] };
    expect(cells(pod({ containers: [{ name: 'a' }] }, done, deleting))[2]).toBe('Completed');
  });

  it('shows SchedulingGated for a gated pod', () => {
    const status = { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] };
    expect(cells(pod(twoContainers, status))[2]).toBe('SchedulingGated');
  });

  it('fills the wide columns with <none> when unset', () => {
    expect(podRow(pod(twoContainers, { phase: 'Pending' }), ctx).slice(5)).toEqual(['<none>', '<none>', '<none>', '<none>']);
  });

  it('fills the wide columns from status and spec', () => {
    const p = pod({ ...twoContainers, nodeName: 'n1', readinessGates: [{ conditionType: 'x/ok' }] }, { phase: 'Running', podIPs: [{ ip: '10.0.0.5' }], conditions: [{ type: 'x/ok', status: 'True' }] });
    expect(podRow(p, ctx).slice(5)).toEqual(['10.0.0.5', 'n1', '<none>', '1/1']);
  });
});
