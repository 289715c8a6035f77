import type { WebSocket } from 'ws';
import type { ContainerRuntime } from '../lifecycle/lifecycle.types';
import type { PodEntry, PodWorkers } from '../kubelet/pod-workers.service';
import { runArgv, runShell } from '../shell/simulated-shell';
import type { ShellContext, ShellRun } from '../shell/shell.types';
import { Channel, exitStatus, frame, parseFrame } from './exec-channel.protocol';
import { TerminalLineDiscipline } from './terminal-line.discipline';

const SHELLS = new Set(['sh', 'bash', 'ash', '/bin/sh', '/bin/bash', '/bin/ash', '/usr/bin/bash']);

interface ExecTarget { entry: PodEntry; container: ContainerRuntime; query: URLSearchParams }

/**
 * One `kubectl exec` over the WebSocket: runs argv in the simulated shell against the container's
 * environment and files. `sh`/`bash` with stdin is interactive: lines are read from channel 0 (echoed
 * back with a prompt when tty) until `exit` or stdin closes. Ends with the status on channel 3 and
 * close 1000.
 */
export function runExecSession(ws: WebSocket, target: ExecTarget, workers: PodWorkers): void {
  const argv = target.query.getAll('command');
  const tty = target.query.get('tty') === 'true';
  const context = workers.shellContext(target.entry.pod, target.container.spec, target.entry);
  const wanted: Record<number, boolean> = { [Channel.stdout]: target.query.get('stdout') !== 'false', [Channel.stderr]: target.query.get('stderr') === 'true' };
  const send = (channel: number, text: string) => {
    if (!text || ws.readyState !== ws.OPEN || wanted[channel] === false) return;
    ws.send(frame(channel, tty ? text.replace(/\r?\n/g, '\r\n') : text));
  };
  const finish = (code: number) => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(frame(Channel.error, exitStatus(code, argv)));
    ws.close(1000);
  };
  if (argv.length === 1 && SHELLS.has(argv[0]) && target.query.get('stdin') === 'true') return interactive(ws, context, tty, send, finish);
  const run = runArgv(argv, context);
  writeRun(run, tty, send);
  if (run.forever) return;
  finish(run.exitCode);
}

/** Writes a run's output: with a tty both streams go to stdout (one terminal), as with a real tty. */
function writeRun(run: ShellRun, tty: boolean, send: (channel: number, text: string) => void): void {
  for (const output of run.output) send(tty || output.stream === 1 ? Channel.stdout : Channel.stderr, output.text);
}

function prompt(context: ShellContext): string {
  return `${context.cwd === context.env.HOME ? '~' : context.cwd} # `;
}

/** A line-reading shell over stdin (see TerminalLineDiscipline); ends at `exit`, Ctrl-D or stdin close. */
function interactive(ws: WebSocket, context: ShellContext, tty: boolean, send: (channel: number, text: string) => void, finish: (code: number) => void): void {
  const discipline = new TerminalLineDiscipline(tty);
  let lastExit = 0;
  if (tty) send(Channel.stdout, prompt(context));
  ws.on('message', (message: Buffer) => {
    const parsed = parseFrame(Buffer.isBuffer(message) ? message : Buffer.from(message as ArrayBuffer));
    if (parsed.kind === 'close' && parsed.channel === Channel.stdin) return finish(lastExit);
    if (parsed.kind !== 'data' || parsed.channel !== Channel.stdin) return;
    const input = discipline.feed(parsed.data.toString('utf8'));
    send(Channel.stdout, input.echo);
    for (const line of input.lines) {
      const run = runShell(line, context);
      writeRun(run, tty, send);
      lastExit = run.exitCode;
      if (run.exited) return finish(run.exitCode);
      if (tty) send(Channel.stdout, prompt(context));
    }
    if (input.interrupted && tty) send(Channel.stdout, prompt(context));
    if (input.endOfInput) finish(lastExit);
  });
}
