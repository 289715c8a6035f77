import { defineCommand, type Command } from 'just-bash';

/** The node's kubelet as systemd sees it (see NodeHosts): running or not, since when, its journal. */
export interface KubeletUnit {
  running(): boolean;
  since(): Date;
  pid(): number;
  commandLine: string;
  stop(): void;
  start(): void;
  restart(): void;
  /** Journal lines (`Dec 07 01:33:27 node-1 systemd[1]: Started kubelet.service - …`). */
  journal(): string[];
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number) => String(n).padStart(2, '0');

/** systemd's timestamp: `Mon 2026-12-07 01:33:27 UTC`. */
function systemdTime(at: Date): string {
  return `${DAYS[at.getUTCDay()]} ${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())} UTC`;
}

function ago(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s ago`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes}min ago` : `${Math.floor(minutes / 60)}h ${minutes % 60}min ago`;
}

function status(unit: KubeletUnit, now: Date): string {
  const active = unit.running() ? `active (running) since ${systemdTime(unit.since())}; ${ago(now.getTime() - unit.since().getTime())}` : `inactive (dead) since ${systemdTime(unit.since())}; ${ago(now.getTime() - unit.since().getTime())}`;
  const lines = [
    `${unit.running() ? '●' : '○'} kubelet.service - kubelet: The Kubernetes Node Agent`,
    '     Loaded: loaded (/usr/lib/systemd/system/kubelet.service; enabled; preset: enabled)',
    '    Drop-In: /usr/lib/systemd/system/kubelet.service.d',
    '             └─10-kubeadm.conf',
    `     Active: ${active}`,
    '       Docs: https://kubernetes.io/docs/',
    ...(unit.running() ? [`   Main PID: ${unit.pid()} (kubelet)`, '      Tasks: 14 (limit: 4915)', '     Memory: 41.2M', '     CGroup: /system.slice/kubelet.service', `             └─${unit.pid()} ${unit.commandLine}`] : []),
    '',
    ...unit.journal().slice(-10),
  ];
  return `${lines.join('\n')}\n`;
}

const NOT_FOUND = (name: string) => `Unit ${name.endsWith('.service') ? name : `${name}.service`} could not be found.\n`;

/** systemctl status|start|stop|restart|is-active kubelet (containerd: always active). */
export function systemctlCommand(unit: KubeletUnit, now: () => Date): Command {
  return defineCommand('systemctl', async (args) => {
    const [verb, name = ''] = args.filter((a) => !a.startsWith('-'));
    const service = name.replace(/\.service$/, '');
    if (service !== 'kubelet' && service !== 'containerd') return { stdout: '', stderr: verb === 'status' ? NOT_FOUND(name) : `Failed to ${verb} ${name}: Unit ${name} not found.\n`, exitCode: verb === 'status' ? 4 : 5 };
    if (service === 'containerd') return verb === 'status' || verb === 'is-active' ? { stdout: verb === 'is-active' ? 'active\n' : '● containerd.service - containerd container runtime\n     Loaded: loaded (/usr/lib/systemd/system/containerd.service; enabled; preset: enabled)\n     Active: active (running)\n', stderr: '', exitCode: 0 } : { stdout: '', stderr: '', exitCode: 0 };
    switch (verb) {
      case 'status': return { stdout: status(unit, now()), stderr: '', exitCode: unit.running() ? 0 : 3 };
      case 'is-active': return { stdout: unit.running() ? 'active\n' : 'inactive\n', stderr: '', exitCode: unit.running() ? 0 : 3 };
      case 'stop': unit.stop(); return { stdout: '', stderr: '', exitCode: 0 };
      case 'start': unit.start(); return { stdout: '', stderr: '', exitCode: 0 };
      case 'restart': unit.restart(); return { stdout: '', stderr: '', exitCode: 0 };
      case 'enable': case 'daemon-reload': return { stdout: '', stderr: '', exitCode: 0 };
      default: return { stdout: '', stderr: `Unknown command verb '${verb}'.\n`, exitCode: 1 };
    }
  });
}

/** journalctl -u kubelet [-n N] [--no-pager]: the kubelet unit's journal. */
export function journalctlCommand(unit: KubeletUnit): Command {
  return defineCommand('journalctl', async (args) => {
    const unitArg = args[args.indexOf('-u') + 1] ?? '';
    if (!args.includes('-u') || unitArg.replace(/\.service$/, '') !== 'kubelet') return { stdout: '-- No entries --\n', stderr: '', exitCode: 0 };
    const countAt = args.findIndex((a) => a === '-n' || a === '--lines');
    const lines = unit.journal();
    const shown = countAt >= 0 ? lines.slice(-Number(args[countAt + 1] ?? 10)) : lines;
    return { stdout: shown.map((line) => `${line}\n`).join(''), stderr: '', exitCode: 0 };
  });
}
