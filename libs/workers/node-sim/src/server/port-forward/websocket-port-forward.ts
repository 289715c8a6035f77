import type { WebSocket } from 'ws';
import { ChannelSocket } from '../exec-channel.protocol';
import { connectionRefused, dialPod, PodContainerImage } from './pod-servers';

export interface PortForwardTarget {
  podUid: string;
  containers: () => PodContainerImage[];
  ports: number[];
}

/**
 * The kubelet's WebSocket port-forward (v4.channel.k8s.io and its base64 form, what the Python client
 * and client-node speak): two channels per requested port, data 2i and error 2i+1, each opened with
 * the port as two little-endian bytes. Each port is one connection into the pod, made at once; a port
 * nothing listens on gets the runtime's error on its error channel. The WebSocket closes when every
 * connection has ended.
 */
export function runWebSocketPortForward(ws: WebSocket, target: PortForwardTarget): void {
  const channels = new ChannelSocket(ws);
  const connections = target.ports.map((port, index) => {
    const prefix = Buffer.from([port & 0xff, port >> 8]);
    channels.send(index * 2, prefix);
    channels.send(index * 2 + 1, prefix);
    return dialPod(target.containers(), port);
  });
  let open = connections.length;
  const ended = () => {
    if (--open === 0) channels.close();
  };
  connections.forEach((connection, index) => {
    if (!connection) {
      channels.send(index * 2 + 1, connectionRefused(target.podUid, target.ports[index]));
      return ended();
    }
    connection.on('data', (chunk: Buffer) => channels.send(index * 2, chunk));
    connection.once('close', ended);
    connection.once('end', () => connection.destroy());
  });
  channels.onFrame((frame) => {
    if (frame.kind !== 'data' || frame.channel % 2 !== 0) return;
    connections[frame.channel / 2]?.write(frame.data);
  });
  ws.on('close', () => connections.forEach((connection) => connection?.destroy()));
}
