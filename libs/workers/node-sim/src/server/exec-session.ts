import type { WebSocket } from 'ws';
import type { ContainerRuntime } from '../lifecycle/lifecycle.types';
import type { PodEntry, PodWorkers } from '../kubelet/pod-workers.service';
import { queryFlag } from '@drydock/kube';
import { Channel, ChannelSocket, exitStatus, resizeTerminal } from './exec-channel.protocol';
import { InteractiveSession, terminalOutput } from './interactive-session';
import type { ContainerShell } from '../shell/container-shell';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', '/bin/sh', '/bin/bash', '/bin/ash', '/bin/dash', '/usr/bin/sh', '/usr/bin/bash']);

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
  runShellExec(ws, workers.containerShell(target.entry, target.container), target.query);
}

/** The session of runExecSession over any shell (a simulated container's, or a control-plane process's). */
export function runShellExec(ws: WebSocket, shell: ContainerShell, query: URLSearchParams): void {
  const argv = query.getAll('command');
  const tty = queryFlag(query, 'tty');
  const withStdin = queryFlag(query, 'stdin');
  const wanted: Record<number, boolean> = { [Channel.stdout]: queryFlag(query, 'stdout'), [Channel.stderr]: queryFlag(query, 'stderr') };
  const channels = new ChannelSocket(ws);
  const aborted = new AbortController();
  ws.on('close', () => aborted.abort());
  const send: Send = (channel, data) => {
    // With a tty both streams are one terminal (stdout), with its newline translation.
    const to = tty ? Channel.stdout : channel;
    if (wanted[to] === false || data.length === 0) return;
    channels.send(to, tty ? terminalOutput(data) : data);
  };
  const finish = (code: number) => channels.finish(exitStatus(code, argv));
  const failed = (error: Error) => {
    send(Channel.stderr, `${error.message}\n`);
    finish(126);
  };
  if (argv.length === 1 && SHELLS.has(argv[0]) && withStdin) {
    // The runtime gives a tty exec TERM=xterm, as containerd does.
    const interactiveShell = shell.interactive((stream, chunk) => send(stream, chunk), argv[0], tty ? { TERM: 'xterm' } : {});
    return interactive(channels, new InteractiveSession(interactiveShell, tty, { send, finish }), aborted.signal);
  }
  const run = (stdin?: Buffer) => shell.run(argv, { output: (stream, chunk) => send(stream, chunk), stdin, signal: aborted.signal }).then(finish, failed);
  if (!withStdin) return void run();
  const chunks: Buffer[] = [];
  channels.onFrame((parsed) => {
    if (parsed.kind === 'data' && parsed.channel === Channel.stdin) chunks.push(Buffer.from(parsed.data));
    if (parsed.kind === 'close' && parsed.channel === Channel.stdin) void run(Buffer.concat(chunks));
  });
}

/** Feeds channel 0 to an interactive shell session until it ends or the client closes stdin. */
function interactive(channels: ChannelSocket, session: InteractiveSession, closed: AbortSignal): void {
  closed.addEventListener('abort', () => session.abort(), { once: true });
  channels.onFrame((parsed) => {
    if (parsed.kind === 'close' && parsed.channel === Channel.stdin) return session.endInput();
    if (parsed.kind === 'data' && parsed.channel === Channel.stdin) session.input(parsed.data);
    if (parsed.kind === 'data' && parsed.channel === Channel.resize) resizeTerminal(parsed.data, (columns, lines) => session.resize(columns, lines));
  });
}
