import type { WebSocket } from 'ws';
import type { ContainerRuntime } from '../lifecycle/lifecycle.types';
import type { PodEntry, PodWorkers } from '../kubelet/pod-workers.service';
import { runArgv, runShell } from '../shell/simulated-shell';
import type { ShellContext, ShellRun } from '../shell/shell.types';
import { Channel, exitStatus, frame, parseFrame } from './exec-channel.protocol';

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
  const send = (channel: number, text: string) => {
    if (text && ws.readyState === ws.OPEN) ws.send(frame(channel, tty ? text.replace(/\r?\n/g, '\r\n') : text));
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

function writeRun(run: ShellRun, tty: boolean, send: (channel: number, text: string) => void): void {
  for (const output of run.output) send(tty || output.stream === 1 ? Channel.stdout : Channel.stderr, output.text);
}

function prompt(context: ShellContext): string {
  return `${context.cwd === context.env.HOME ? '~' : context.cwd} # `;
}

/** A line-reading shell; with a tty it echoes keystrokes, handles backspace and Ctrl-D. */
function interactive(ws: WebSocket, context: ShellContext, tty: boolean, send: (channel: number, text: string) => void, finish: (code: number) => void): void {
  let buffer = '';
  let lastExit = 0;
  if (tty) send(Channel.stdout, prompt(context));
  const runLine = (line: string): boolean => {
    const run = runShell(line, context);
    writeRun(run, tty, send);
    lastExit = run.exitCode;
    if (run.exited) {
      finish(run.exitCode);
      return true;
    }
    if (tty) send(Channel.stdout, prompt(context));
    return false;
  };
  ws.on('message', (message: Buffer) => {
    const parsed = parseFrame(Buffer.isBuffer(message) ? message : Buffer.from(message as ArrayBuffer));
    if (parsed.kind === 'close' && parsed.channel === Channel.stdin) return finish(lastExit);
    if (parsed.kind !== 'data' || parsed.channel !== Channel.stdin) return;
    for (const ch of parsed.data.toString('utf8')) {
      if (ch === '\u0004' && buffer === '') return finish(lastExit);
      if (ch === '\u007f' || ch === '\b') {
        if (buffer.length > 0 && tty) send(Channel.stdout, '\b \b');
        buffer = buffer.slice(0, -1);
      } else if (ch === '\r' || ch === '\n') {
        if (tty) send(Channel.stdout, '\n');
        const line = buffer;
        buffer = '';
        if (runLine(line)) return;
      } else {
        buffer += ch;
        if (tty) send(Channel.stdout, ch);
      }
    }
  });
}
