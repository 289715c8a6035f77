import type { ContainerRuntime } from '../lifecycle/lifecycle.types';
import type { ContainerShell } from '../shell/container-shell';

interface ExecProbe {
  exec?: { command?: string[] };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  failureThreshold?: number;
}

export interface ProbeHost {
  /** A timer on the simulated clock. */
  setTimeout(callback: () => void, simulatedMs: number): NodeJS.Timeout;
  shell(container: ContainerRuntime): ContainerShell;
  /** One failed run: the kubelet's `Unhealthy` event with the probe's output. */
  unhealthy(container: ContainerRuntime, message: string): void;
  /** `failureThreshold` failures in a row: the container is killed and restarted. */
  failed(container: ContainerRuntime, containerId: string): void;
}

/**
 * Exec liveness probes, run in the container's own shell against its own filesystem (so `cat
 * /tmp/healthy` fails once the container's script removed the file): the first run
 * initialDelaySeconds after start, then every periodSeconds, each bounded by timeoutSeconds, on the
 * simulated clock. Only containers with an exec liveness probe get a timer.
 */
export class ExecProbes {
  private readonly live = new Map<string, { podKey: string; timer?: NodeJS.Timeout; stopped: boolean }>();

  constructor(private readonly host: ProbeHost) {}

  reconcile(podKey: string, containers: ContainerRuntime[]): void {
    const running = new Set<string>();
    for (const c of containers) {
      if (!c.running) continue;
      running.add(c.running.id);
      const probe = c.spec.livenessProbe as ExecProbe | undefined;
      if (probe?.exec?.command?.length && !this.live.has(c.running.id)) this.start(podKey, c, c.running.id, probe);
    }
    for (const [id, probe] of this.live) if (probe.podKey === podKey && !running.has(id)) this.stop(id);
  }

  stopPod(podKey: string): void {
    for (const [id, probe] of this.live) if (probe.podKey === podKey) this.stop(id);
  }

  stopAll(): void {
    for (const id of [...this.live.keys()]) this.stop(id);
  }

  private stop(id: string): void {
    const probe = this.live.get(id);
    if (probe) {
      clearTimeout(probe.timer);
      probe.stopped = true;
    }
    this.live.delete(id);
  }

  private start(podKey: string, c: ContainerRuntime, id: string, probe: ExecProbe): void {
    const state = { podKey, timer: undefined as NodeJS.Timeout | undefined, stopped: false };
    this.live.set(id, state);
    const periodMs = (probe.periodSeconds ?? 10) * 1000;
    const threshold = probe.failureThreshold ?? 3;
    let failures = 0;
    const run = async () => {
      const { ok, output } = await this.probeOnce(c, probe);
      if (state.stopped) return;
      failures = ok ? 0 : failures + 1;
      if (!ok) this.host.unhealthy(c, `Liveness probe failed: ${output}`);
      if (failures >= threshold) return this.host.failed(c, id);
      state.timer = this.host.setTimeout(() => void run(), periodMs);
    };
    state.timer = this.host.setTimeout(() => void run(), (probe.initialDelaySeconds ?? 0) * 1000);
  }

  private async probeOnce(c: ContainerRuntime, probe: ExecProbe): Promise<{ ok: boolean; output: string }> {
    let output = '';
    const timeout = new AbortController();
    const timer = this.host.setTimeout(() => timeout.abort(), (probe.timeoutSeconds ?? 1) * 1000);
    try {
      const code = await this.host.shell(c).run(probe.exec!.command!, { output: (_stream, chunk) => (output += chunk.toString()), signal: timeout.signal });
      if (timeout.signal.aborted) return { ok: false, output: `command timed out` };
      return { ok: code === 0, output: output.replace(/\n$/, '') };
    } catch (error) {
      return { ok: false, output: (error as Error).message };
    } finally {
      clearTimeout(timer);
    }
  }
}
