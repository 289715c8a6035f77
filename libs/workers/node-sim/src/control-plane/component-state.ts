import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * What the launcher knows of one of Drydock's own processes, written to
 * `$DRYDOCK_DATA_DIR/run/components/<component>.json` each time it starts or exits, and read by the
 * node simulator to report the process as the container of its mirror pod (as a kubelet learns from its
 * container runtime what its static pods' containers do). `component` is kubeadm's `component` label:
 * `etcd` (Drydock's store, PostgreSQL), `kube-apiserver`, `kube-controller-manager`, `kube-scheduler`.
 */
export interface ComponentState {
  component: string;
  /** The process id while it runs; undefined for a store Drydock does not run itself (DATABASE_URL). */
  pid?: number;
  running: boolean;
  /** When the current (or last) instance started, RFC 3339. */
  startedAt: string;
  /** How often the launcher started it again after it exited on its own. */
  restartCount: number;
  /** The process's log file, and the byte offsets where its current and previous instances began. */
  logFile: string;
  logOffset: number;
  previousLogOffset?: number;
  /** How the last instance ended, once one has. */
  lastExit?: { exitCode: number; startedAt: string; finishedAt: string };
  /** The command line that really runs (the manifest's command is kubeadm's). */
  commandLine: string;
}

export const CONTROL_PLANE_COMPONENTS = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'] as const;

export function componentStatePath(dataDir: string, component: string): string {
  return join(dataDir, 'run', 'components', `${component}.json`);
}

/** Written through a rename, so a reader never sees half a file. */
export function writeComponentState(dataDir: string, state: ComponentState): void {
  const path = componentStatePath(dataDir, state.component);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, JSON.stringify(state));
  renameSync(`${path}.tmp`, path);
}

export function readComponentState(dataDir: string, component: string): ComponentState | undefined {
  try {
    return JSON.parse(readFileSync(componentStatePath(dataDir, component), 'utf8')) as ComponentState;
  } catch {
    return undefined;
  }
}

/** Whether a process id names a live process (signal 0 checks without signalling). */
export function processAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
