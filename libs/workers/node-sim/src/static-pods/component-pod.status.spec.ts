import type { KubeObject } from '@drydock/util';
import type { ComponentState } from '../control-plane/component-state';
import { schedulerManifest } from '../control-plane/kubeadm-manifests';
import { componentPodStatus } from './component-pod.status';
import { buildMirrorPod } from './mirror-pod.builder';

const pod: KubeObject = { ...buildMirrorPod(schedulerManifest(), { name: 'controlplane', uid: 'n' }, 't'), metadata: { ...buildMirrorPod(schedulerManifest(), { name: 'controlplane', uid: 'n' }, 't').metadata, uid: 'pod-uid', creationTimestamp: '2026-01-01T00:00:00Z' } };
const state: ComponentState = { component: 'kube-scheduler', pid: 42, running: true, startedAt: '2026-01-01T00:00:01Z', restartCount: 2, logFile: '/x.log', logOffset: 10, commandLine: 'node scheduler' };
const now = '2026-01-01T00:01:00Z';

describe('the status of a control-plane mirror pod, from its process', () => {
  it('is Running and Ready with the launcher\'s restart count while the process lives', () => {
    const lastExit = { exitCode: 1, startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:00:01Z' };
    const status = componentPodStatus(pod, { ...state, lastExit }, true, '10.0.0.4', now, []);
    expect(status).toMatchObject({ phase: 'Running', podIP: '10.0.0.4', hostIP: '10.0.0.4', startTime: '2026-01-01T00:00:00Z', qosClass: 'Burstable' });
    const [container] = status.containerStatuses as KubeObject[];
    expect(container).toMatchObject({ name: 'kube-scheduler', ready: true, started: true, restartCount: 2, state: { running: { startedAt: '2026-01-01T00:00:01Z' } }, image: 'registry.k8s.io/kube-scheduler:v1.35.0' });
    expect(container.lastState).toMatchObject({ terminated: { exitCode: 1, reason: 'Error', finishedAt: '2026-01-01T00:00:01Z' } });
    expect((status.conditions as Array<{ type: string; status: string }>).map((c) => `${c.type}=${c.status}`)).toEqual(['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
  });

  it('waits in CrashLoopBackOff, not Ready, between an exit and the launcher\'s restart', () => {
    const status = componentPodStatus(pod, { ...state, running: false, pid: undefined }, false, '10.0.0.4', now, []);
    const [container] = status.containerStatuses as KubeObject[];
    expect(container).toMatchObject({ ready: false, started: false, state: { waiting: { reason: 'CrashLoopBackOff' } } });
    expect(status.conditions).toContainEqual(expect.objectContaining({ type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [kube-scheduler]' }));
  });

  it('keeps a condition\'s transition time while its status holds', () => {
    const first = componentPodStatus(pod, state, true, '10.0.0.4', now, []);
    const later = componentPodStatus(pod, state, true, '10.0.0.4', '2026-01-01T00:05:00Z', first.conditions as never);
    expect(JSON.stringify(later)).toBe(JSON.stringify(first));
  });
});
