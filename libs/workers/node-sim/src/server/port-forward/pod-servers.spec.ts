import { connectionRefused, dialPod } from './pod-servers';

function exchange(port: number, request: string, image = 'nginx:1.27'): Promise<string> | undefined {
  const socket = dialPod([{ image, running: true }], port);
  if (!socket) return undefined;
  return new Promise((resolve) => {
    let reply = '';
    socket.on('data', (chunk: Buffer) => (reply += chunk.toString()));
    socket.on('end', () => resolve(reply));
    socket.write(request);
  });
}

describe('dialPod: what listens inside a simulated pod', () => {
  it('answers HTTP/1.1 as nginx does on its port: the welcome page with nginx\'s headers in order', async () => {
    const reply = await exchange(80, 'GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 200 OK\r\nServer: nginx\/1\.27\.0\r\nDate: .+ GMT\r\nContent-Type: text\/html\r\nContent-Length: 615\r\nLast-Modified: .+\r\nConnection: close\r\nETag: "661e8b67-267"\r\nAccept-Ranges: bytes\r\n\r\n<!DOCTYPE html>/);
  });

  it('answers 404 with nginx\'s page elsewhere', async () => {
    expect(await exchange(80, 'GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toContain('HTTP/1.1 404 Not Found\r\n');
  });

  it('refuses a port nothing listens on, and a stopped container', () => {
    expect(dialPod([{ image: 'nginx', running: true }], 81)).toBeUndefined();
    expect(dialPod([{ image: 'nginx', running: false }], 80)).toBeUndefined();
    expect(dialPod([{ image: 'busybox', running: true }], 80)).toBeUndefined();
  });

  it('answers redis PING', async () => {
    const socket = dialPod([{ image: 'redis:7', running: true }], 6379)!;
    const reply = await new Promise<string>((resolve) => {
      socket.once('data', (chunk: Buffer) => resolve(chunk.toString()));
      socket.write('*1\r\n$4\r\nPING\r\n');
    });
    expect(reply).toBe('+PONG\r\n');
  });

  it('words the refusal as containerd and the kubelet do', () => {
    expect(connectionRefused('0e32e88f-c9a7-4bc8-a9dc-07f5d5bd6a0b', 81)).toMatch(
      /^error forwarding port 81 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace "\/var\/run\/netns\/cni-0e32e88f-c9a7-4bc8-a9dc-07f5d5bd6a0b": failed to connect to localhost:81 inside namespace "[0-9a-f]{64}", IPv4: dial tcp4 127\.0\.0\.1:81: connect: connection refused IPv6 dial tcp6 \[::1\]:81: connect: connection refused $/,
    );
  });
});
