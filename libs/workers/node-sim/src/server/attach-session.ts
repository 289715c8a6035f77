import type { WebSocket } from 'ws';
import { queryFlag } from '@drydock/kube';
import type { Clock } from '@drydock/util';
import type { ContainerRuntime } from '../lifecycle/lifecycle.types';
import type { PodEntry, PodWorkers } from '../kubelet/pod-workers.service';
import { Channel, ChannelSocket, resizeTerminal } from './exec-channel.protocol';
import { terminalOutput } from './interactive-session';
import { followLog } from './log-follower';

interface AttachTarget { entry: PodEntry; container: ContainerRuntime; query: URLSearchParams }

/**
 * One `kubectl attach` over the WebSocket: the container's main process as it runs, from now on.
 * A script's output arrives as it prints (with a shell started with `stdin: true`, channel 0 is its
 * stdin); a program whose output is computed (a server image, `sleep`) is followed through its log.
 * Ends with Success on channel 3 when the process ends. With `stdinOnce`, the process's stdin is
 * closed when this client closes stdin or goes away, as the container runtime does.
 */
export function runAttachSession(ws: WebSocket, target: AttachTarget, workers: PodWorkers, clock: Clock): void {
  const { entry, container, query } = target;
  const tty = queryFlag(query, 'tty');
  const withStdin = queryFlag(query, 'stdin');
  const wanted: Record<number, boolean> = { [Channel.stdout]: queryFlag(query, 'stdout'), [Channel.stderr]: queryFlag(query, 'stderr') };
  const channels = new ChannelSocket(ws);
  const send = (channel: number, data: Buffer | string) => {
    const to = tty ? Channel.stdout : channel;
    if (wanted[to] !== false && data.length > 0) channels.send(to, data);
  };
  // The kubelet's attach ends with Success once the process's streams close.
  const finish = () => channels.finish({ status: 'Success' });
  const process = workers.attachProcess(container);
  const instance = container.instances[container.instances.length - 1];
  const stop = process
    ? process.subscribe((stream, chunk) => send(stream, chunk), finish)
    : followLog(instance, {
        afterReal: Date.now(),
        realMs: (ms) => clock.realMs(ms),
        gone: () => entry.gone,
        lines: (lines) => lines.forEach((line) => send(line.stream === 'stdout' ? Channel.stdout : Channel.stderr, tty ? terminalOutput(`${line.text}\n`) : `${line.text}\n`)),
        ended: finish,
      });
  const stdin = withStdin ? process?.stdin : undefined;
  let stdinClosed = false;
  const closeStdin = () => {
    if (stdinClosed || container.spec.stdinOnce !== true) return;
    stdinClosed = true;
    stdin?.close();
  };
  channels.onFrame((parsed) => {
    if (parsed.kind === 'close' && parsed.channel === Channel.stdin) closeStdin();
    if (parsed.kind === 'data' && parsed.channel === Channel.stdin && !stdinClosed) stdin?.write(Buffer.from(parsed.data));
    if (parsed.kind === 'data' && parsed.channel === Channel.resize) resizeTerminal(parsed.data, (columns, lines) => stdin?.resize(columns, lines));
  });
  ws.on('close', () => {
    stop();
    if (withStdin) closeStdin();
  });
}
