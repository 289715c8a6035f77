import { InMemoryFs } from 'just-bash';
import { createClock } from '@drydock/util';
import type { ContainerRuntime } from '../lifecycle/lifecycle.types';
import { ContainerShell } from '../shell/container-shell';
import { LifecycleHooks } from './lifecycle-hooks';

function container(lifecycle: Record<string, unknown>): ContainerRuntime {
  const running = { id: 'c1', startedAtMs: 0, startedAt: '', program: { output: [], handlesSigterm: true }, startupAtMs: 0 };
  return { spec: { name: 'web', lifecycle }, init: false, sidecar: false, stage: 'running', untilMs: Infinity, restartCount: 0, pullFailures: 0, crashes: 0, ready: true, started: true, running, instances: [] };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('lifecycle hooks (exec, in the container\'s shell)', () => {
  it('runs postStart once as the container starts, and preStop only once the pod is deleting', async () => {
    const fs = new InMemoryFs();
    fs.mkdirSync('/usr/share', { recursive: true });
    const shell = new ContainerShell({ fs, env: {}, knownImage: 'nginx', clock: createClock(1000), commands: [] });
    const failures: string[] = [];
    const hooks = new LifecycleHooks({ shell: () => shell, podRef: () => 'demo_default(u1)', failed: (_c, _id, hook, message) => void failures.push(`${hook}: ${message}`) });
    const c = container({ postStart: { exec: { command: ['/bin/sh', '-c', 'echo Hello from the postStart handler >> /usr/share/message'] } }, preStop: { exec: { command: ['/bin/sh', '-c', 'echo bye > /usr/share/stopped'] } } });
    hooks.reconcile('default/demo', [c], false);
    hooks.reconcile('default/demo', [c], false);
    await settle();
    expect(await fs.readFile('/usr/share/message')).toBe('Hello from the postStart handler\n');
    expect(await fs.exists('/usr/share/stopped')).toBe(false);
    hooks.reconcile('default/demo', [c], true);
    await settle();
    expect(await fs.readFile('/usr/share/stopped')).toBe('bye\n');
    expect(failures).toEqual([]);
  });

  it('reports a failing postStart with the kubelet\'s message', async () => {
    const shell = new ContainerShell({ fs: new InMemoryFs(), env: {}, knownImage: 'busybox', clock: createClock(1000), commands: [] });
    const failures: string[] = [];
    const hooks = new LifecycleHooks({ shell: () => shell, podRef: () => 'demo_default(u1)', failed: (_c, id, hook, message) => void failures.push(`${id} ${hook}: ${message}`) });
    hooks.reconcile('default/demo', [container({ postStart: { exec: { command: ['sh', '-c', 'exit 1'] } } })], false);
    await settle();
    expect(failures).toEqual(['c1 PostStart: Exec lifecycle hook ([sh -c exit 1]) for Container "web" in Pod "demo_default(u1)" failed - error: command \'sh -c exit 1\' exited with 1: , message: ""']);
  });
});
