import type { ContainerRuntime } from '../lifecycle/lifecycle.types';
import type { ContainerShell } from '../shell/container-shell';

interface Hook { exec?: { command?: string[] } }
type HookName = 'PostStart' | 'PreStop';

export interface HookHost {
  shell(container: ContainerRuntime): ContainerShell;
  /** The pod as the kubelet names it in messages: `name_namespace(uid)`. */
  podRef(container: ContainerRuntime): string;
  /** A hook failed: `FailedPostStartHook`/`FailedPreStopHook` with upstream's message; a failed postStart kills the container. */
  failed(container: ContainerRuntime, containerId: string, hook: HookName, message: string): void;
}

/**
 * Exec `lifecycle.postStart` and `preStop` hooks, run once per container instance in its shell:
 * postStart as the container starts (`echo Hello from the postStart handler > /usr/share/message`
 * is there for the next exec), preStop once the pod is being deleted. HTTP hooks are not run.
 */
export class LifecycleHooks {
  private readonly ran = new Map<string, string>();

  constructor(private readonly host: HookHost) {}

  reconcile(podKey: string, containers: ContainerRuntime[], deleting: boolean): void {
    const live = new Set<string>();
    for (const c of containers) {
      if (!c.running) continue;
      const hooks = c.spec.lifecycle as { postStart?: Hook; preStop?: Hook } | undefined;
      for (const [name, hook] of [['PostStart', hooks?.postStart], ['PreStop', deleting ? hooks?.preStop : undefined]] as const) {
        const key = `${c.running.id}/${name}`;
        live.add(key);
        if (hook?.exec?.command?.length && !this.ran.has(key)) {
          this.ran.set(key, podKey);
          void this.run(c, c.running.id, name, hook.exec.command);
        }
      }
    }
    for (const [key, owner] of this.ran) if (owner === podKey && !live.has(key)) this.ran.delete(key);
  }

  forgetPod(podKey: string): void {
    for (const [key, owner] of this.ran) if (owner === podKey) this.ran.delete(key);
  }

  private async run(c: ContainerRuntime, id: string, name: HookName, command: string[]): Promise<void> {
    let output = '';
    const code = await this.host.shell(c).run(command, { output: (_stream, chunk) => (output += chunk.toString()) }).catch(() => 126);
    if (code === 0) return;
    const message = `Exec lifecycle hook ([${command.join(' ')}]) for Container "${c.spec.name}" in Pod "${this.host.podRef(c)}" failed - error: command '${command.join(' ')}' exited with ${code}: ${output}, message: ${JSON.stringify(output)}`;
    this.host.failed(c, id, name, message);
  }
}
