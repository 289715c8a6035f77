import type { WebSocket } from 'ws';
import type { ContainerRuntime } from '../lifecycle/lifecycle.types';
import type { PodEntry, PodWorkers } from '../kubelet/pod-workers.service';
import type { InteractiveShell } from '../shell/container-shell';
import { Channel, exitStatus, frame, parseFrame } from './exec-channel.protocol';
import { TerminalLineDiscipline } from './terminal-line.discipline';

const SHELLS = new Set(['sh', 'bash', 'ash', '/bin/sh', '/bin/bash', '/bin/ash', '/usr/bin/bash']);

interface ExecTarget { entry: PodEntry; container: ContainerRuntime; query: URLSearchParams }

type Send = (channel: number, data: Buffer | string) => void;

/**
 * One `kubectl exec` over the WebSocket, run by the container's shell (just-bash over the
 * container's filesystem). A bare `sh`/`bash` with stdin is interactive: lines are read from
 * channel 0 (echoed back with a prompt when tty) until `exit`, Ctrl-D or stdin closes. Any other
 * command with stdin reads all of it first (until the v5 close of channel 0, as `kubectl cp` and
 * `kubectl exec -i … tar xf -` send it), then runs. Ends with the status on channel 3 and close 1000.
 */
export function runExecSession(ws: WebSocket, target: ExecTarget, workers: PodWorkers): void {
  const argv = target.query.getAll('command');
  const tty = target.query.get('tty') === 'true';
  const withStdin = target.query.get('stdin') === 'true';
  const shell = workers.containerShell(target.entry, target.container);
  const wanted: Record<number, boolean> = { [Channel.stdout]: target.query.get('stdout') !== 'false', [Channel.stderr]: target.query.get('stderr') === 'true' };
  const aborted = new AbortController();
  ws.on('close', () => aborted.abort());
  const send: Send = (channel, data) => {
    // With a tty both streams are one terminal (stdout), with its newline translation.
    const to = tty ? Channel.stdout : channel;
    if (ws.readyState !== ws.OPEN || wanted[to] === false || data.length === 0) return;
    ws.send(frame(to, tty ? Buffer.from(data.toString().replace(/\r?\n/g, '\r\n')) : data));
  };
  const finish = (code: number) => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(frame(Channel.error, exitStatus(code, argv)));
    ws.close(1000);
  };
  const failed = (error: Error) => {
    send(Channel.stderr, `${error.message}\n`);
    finish(126);
  };
  if (argv.length === 1 && SHELLS.has(argv[0]) && withStdin) return interactive(ws, shell.interactive((stream, chunk) => send(stream, chunk)), tty, send, finish, aborted.signal);
  const run = (stdin?: Buffer) => shell.run(argv, { output: (stream, chunk) => send(stream, chunk), stdin, signal: aborted.signal }).then(finish, failed);
  if (!withStdin) return void run();
  const chunks: Buffer[] = [];
  ws.on('message', (message: Buffer) => {
    const parsed = parseFrame(Buffer.isBuffer(message) ? message : Buffer.from(message as ArrayBuffer));
    if (parsed.kind === 'data' && parsed.channel === Channel.stdin) chunks.push(Buffer.from(parsed.data));
    if (parsed.kind === 'close' && parsed.channel === Channel.stdin) void run(Buffer.concat(chunks));
  });
}

function prompt(shell: InteractiveShell): string {
  return `${shell.cwd === shell.home ? '~' : shell.cwd} # `;
}

/**
 * A line-reading shell over stdin (see TerminalLineDiscipline), one line at a time: keys typed while
 * a line runs wait for it; Ctrl-C stops the running line.
 */
function interactive(ws: WebSocket, shell: InteractiveShell, tty: boolean, send: Send, finish: (code: number) => void, closed: AbortSignal): void {
  const discipline = new TerminalLineDiscipline(tty);
  let lastExit = 0;
  let pending = '';
  let line: AbortController | undefined;
  let queue = Promise.resolve();
  if (tty) send(Channel.stdout, prompt(shell));
  const runLines = async (lines: string[]) => {
    for (const text of lines) {
      pending = pending ? `${pending}\n${text}` : text;
      line = new AbortController();
      closed.addEventListener('abort', () => line?.abort(), { once: true });
      const outcome = await shell.runLine(pending, line.signal);
      line = undefined;
      if (outcome.kind === 'incomplete') {
        if (tty) send(Channel.stdout, '> ');
        continue;
      }
      pending = '';
      lastExit = outcome.exitCode;
      if (outcome.kind === 'exited') return finish(outcome.exitCode);
      if (tty) send(Channel.stdout, prompt(shell));
    }
  };
  ws.on('message', (message: Buffer) => {
    const parsed = parseFrame(Buffer.isBuffer(message) ? message : Buffer.from(message as ArrayBuffer));
    if (parsed.kind === 'close' && parsed.channel === Channel.stdin) return void queue.then(() => finish(lastExit));
    if (parsed.kind !== 'data' || parsed.channel !== Channel.stdin) return;
    const input = discipline.feed(parsed.data.toString('utf8'));
    send(Channel.stdout, input.echo);
    if (input.interrupted) {
      line?.abort();
      pending = '';
      if (tty && !line) send(Channel.stdout, prompt(shell));
    }
    queue = queue.then(() => runLines(input.lines)).then(() => (input.endOfInput ? finish(lastExit) : undefined));
  });
}
