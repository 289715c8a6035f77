import { defineCommand, type Command } from 'just-bash';

export type Signal = 'TERM' | 'KILL' | 'INT' | 'HUP';

const SIGNALS: Record<string, Signal> = { '9': 'KILL', KILL: 'KILL', SIGKILL: 'KILL', '15': 'TERM', TERM: 'TERM', SIGTERM: 'TERM', '2': 'INT', INT: 'INT', SIGINT: 'INT', '1': 'HUP', HUP: 'HUP', SIGHUP: 'HUP' };

/**
 * `kill [-SIGNAL] PID`: PID 1 is the container's main process (`signalMain` decides what it does, as
 * the kernel would: PID 1 dies of a signal only if it handles it, or of SIGKILL); no other PID exists.
 */
export function killCommand(signalMain: (signal: Signal) => void): Command {
  return defineCommand('kill', async (args) => {
    let signal: Signal = 'TERM';
    const pids: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg === '-s') signal = SIGNALS[args[++i]?.toUpperCase() ?? ''] ?? signal;
      else if (arg === '-l') return { stdout: ' 1) HUP\n 2) INT\n 9) KILL\n15) TERM\n', stderr: '', exitCode: 0 };
      else if (arg.startsWith('-') && SIGNALS[arg.slice(1).toUpperCase()]) signal = SIGNALS[arg.slice(1).toUpperCase()];
      else pids.push(arg);
    }
    if (pids.length === 0) return { stdout: '', stderr: 'sh: kill: usage: kill [-s sigspec | -signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n', exitCode: 2 };
    let stderr = '';
    for (const pid of pids) {
      if (pid === '1') signalMain(signal);
      else stderr += `sh: can't kill pid ${pid}: No such process\n`;
    }
    return { stdout: '', stderr, exitCode: stderr ? 1 : 0 };
  });
}
