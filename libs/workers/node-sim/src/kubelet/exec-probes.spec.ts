import { InMemoryFs } from 'just-bash';
import { createClock } from '@drydock/util';
import type { ContainerRuntime } from '../lifecycle/lifecycle.types';
import { ContainerShell } from '../shell/container-shell';
import { ExecProbes } from './exec-probes';

/** Clock scale 1000: the probe's 1 s period passes in 1 ms. */
const clock = createClock(1000);

function container(livenessProbe: Record<string, unknown> | undefined, readinessProbe?: Record<string, unknown>): ContainerRuntime {
  const running = { id: 'c1', startedAtMs: 0, startedAt: '', program: { output: [], handlesSigterm: false }, startupAtMs: 0 };
  return { spec: { name: 'liveness', livenessProbe, readinessProbe }, init: false, sidecar: false, stage: 'running', untilMs: Infinity, restartCount: 0, pullFailures: 0, crashes: 0, ready: true, started: true, running, instances: [] };
}

describe('exec liveness probes (run in the container\'s shell)', () => {
  it('passes while the file is there; after the file goes, fails failureThreshold times and reports the kill', async () => {
    const fs = new InMemoryFs({ '/tmp/healthy': '' });
    const shell = new ContainerShell({ fs, env: {}, knownImage: 'busybox', clock, commands: [] });
    const messages: string[] = [];
    const failed: string[] = [];
    const probes = new ExecProbes({ setTimeout: (callback, ms) => clock.setTimeout(callback, ms), shell: () => shell, unhealthy: (_c, message) => void messages.push(message), failed: (_c, id) => void failed.push(id), readiness: () => undefined });
    const c = container({ exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 });
    probes.reconcile('default/p', [c]);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect({ messages, failed }).toEqual({ messages: [], failed: [] });
    await fs.rm('/tmp/healthy');
    for (let i = 0; i < 200 && failed.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(failed).toEqual(['c1']);
    expect(messages).toEqual(Array(3).fill("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory"));
    probes.stopAll();
  });

  it('runs nothing for containers without an exec liveness probe', () => {
    const probes = new ExecProbes({ setTimeout: () => { throw new Error('no timer expected'); }, shell: () => { throw new Error('no shell expected'); }, unhealthy: () => undefined, failed: () => undefined, readiness: () => undefined });
    probes.reconcile('default/p', [container({ httpGet: { path: '/', port: 80 } })]);
  });

  it('reports a readiness probe\'s changes: Ready on the first success, not Ready after failureThreshold failures', async () => {
    const fs = new InMemoryFs({ '/tmp/ready': '' });
    const shell = new ContainerShell({ fs, env: {}, knownImage: 'busybox', clock, commands: [] });
    const changes: boolean[] = [];
    const messages: string[] = [];
    const probes = new ExecProbes({ setTimeout: (callback, ms) => clock.setTimeout(callback, ms), shell: () => shell, unhealthy: (_c, message) => void messages.push(message), failed: () => undefined, readiness: (_c, _id, ready) => void changes.push(ready) });
    probes.reconcile('default/p', [container(undefined, { exec: { command: ['test', '-f', '/tmp/ready'] }, periodSeconds: 1, failureThreshold: 2 })]);
    for (let i = 0; i < 200 && changes.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(changes).toEqual([true]);
    await fs.rm('/tmp/ready');
    for (let i = 0; i < 200 && changes.length === 1; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(changes).toEqual([true, false]);
    expect(messages.slice(0, 2)).toEqual(['Readiness probe failed: ', 'Readiness probe failed: ']);
    probes.stopAll();
  });
});
