import type { ContainerRuntime } from '../lifecycle/lifecycle.types';
import type { ContainerShell } from '../shell/container-shell';

interface ExecProbe {
  exec?: { command?: string[] };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  failureThreshold?: number;
  successThreshold?: number;
}

export type ProbeKind = 'Liveness' | 'Readiness';

export interface ProbeHost {
  /** A timer on the simulated clock. */
  setTimeout(callback: () => void, simulatedMs: number): NodeJS.Timeout;
  shell(container: ContainerRuntime): ContainerShell;
  /** One failed run: the kubelet's `Unhealthy` event with the probe's output. */
  unhealthy(container: ContainerRuntime, message: string): void;
  /** Liveness: `failureThreshold` failures in a row, the container is killed and restarted. */
  failed(container: ContainerRuntime, containerId: string): void;
  /** Readiness: the success or failure threshold was reached (called on each change only). */
  readiness(container: ContainerRuntime, containerId: string, ready: boolean): void;
}

/**
 * Exec liveness and readiness probes, run in the container's own shell against its own filesystem
 * (so `cat /tmp/healthy` fails once the container's script removed the file): the first run
 * initialDelaySeconds after start, then every periodSeconds, each bounded by timeoutSeconds, on the
 * simulated clock. Only containers with an exec probe get a timer.
 */
export class ExecProbes {
  private readonly live = new Map<string, { podKey: string; timer?: NodeJS.Timeout; stopped: boolean }>();

  constructor(private readonly host: ProbeHost) {}

  reconcile(podKey: string, containers: ContainerRuntime[]): void {
    const running = new Set<string>();
    for (const c of containers) {
      if (!c.running) continue;
      for (const kind of ['Liveness', 'Readiness'] as const) {
        const probe = c.spec[kind === 'Liveness' ? 'livenessProbe' : 'readinessProbe'] as ExecProbe | undefined;
        const key = `${c.running.id}/${kind}`;
        running.add(key);
        if (probe?.exec?.command?.length && !this.live.has(key)) this.start(podKey, key, c, c.running.id, kind, probe);
      }
    }
    for (const [key, probe] of this.live) if (probe.podKey === podKey && !running.has(key)) this.stop(key);
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

  private start(podKey: string, key: string, c: ContainerRuntime, id: string, kind: ProbeKind, probe: ExecProbe): void {
    const state = { podKey, timer: undefined as NodeJS.Timeout | undefined, stopped: false };
    this.live.set(key, state);
    const periodMs = (probe.periodSeconds ?? 10) * 1000;
    const failureThreshold = probe.failureThreshold ?? 3;
    const successThreshold = probe.successThreshold ?? 1;
    let failures = 0;
    let successes = 0;
    let ready: boolean | undefined;
    const run = async () => {
      const { ok, output } = await this.probeOnce(c, probe);
      if (state.stopped) return;
      [failures, successes] = ok ? [0, successes + 1] : [failures + 1, 0];
      if (!ok) this.host.unhealthy(c, `${kind} probe failed: ${output}`);
      if (kind === 'Liveness' && failures >= failureThreshold) return this.host.failed(c, id);
      if (kind === 'Readiness') {
        const now = successes >= successThreshold ? true : failures >= failureThreshold ? false : ready;
        if (now !== undefined && now !== ready) this.host.readiness(c, id, now);
        ready = now;
      }
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
