import { defineCommand, type Command } from 'just-bash';

export interface HostProcess {
  pid: number;
  user: string;
  command: string;
  started: Date;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** procps `ps aux` (and plain `ps`) on the node: systemd, containerd, the kubelet, each container's process. */
export function hostPsCommand(processes: () => HostProcess[]): Command {
  return defineCommand('ps', async (args) => {
    const list = processes();
    if (args.length === 0) return { stdout: `    PID TTY          TIME CMD\n${list.filter((p) => p.command.startsWith('-bash') || p.pid === 1).map((p) => `${String(p.pid).padStart(7)} ?        00:00:00 ${p.command.split(' ')[0].split('/').pop()}\n`).join('')}`, stderr: '', exitCode: 0 };
    const header = 'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n';
    const rows = list.map((p) => `${p.user.padEnd(8)} ${String(p.pid).padStart(7)}  0.0  0.1  12345  6789 ?        Ss   ${pad(p.started.getUTCHours())}:${pad(p.started.getUTCMinutes())}   0:00 ${p.command}\n`);
    return { stdout: header + rows.join(''), stderr: '', exitCode: 0 };
  });
}
