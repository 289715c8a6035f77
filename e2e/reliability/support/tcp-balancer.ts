import { createConnection, createServer, Server, Socket } from 'node:net';

/**
 * haproxy's `mode tcp` + `balance roundrobin` + `option redispatch` in a few lines: each connection goes
 * to the next backend; a backend that refuses is skipped for that connection.
 */
export class TcpBalancer {
  backends: number[] = [];
  private next = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly server: Server, readonly port: number) {}

  static async listen(): Promise<TcpBalancer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const balancer = new TcpBalancer(server, (server.address() as { port: number }).port);
    server.on('connection', (socket) => balancer.forward(socket, balancer.backends.length));
    return balancer;
  }

  private forward(client: Socket, attemptsLeft: number): void {
    if (attemptsLeft === 0) return void client.destroy();
    this.track(client);
    client.pause();
    const port = this.backends[this.next++ % this.backends.length];
    const upstream = this.track(createConnection({ host: '127.0.0.1', port }));
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      upstream.pipe(client);
      client.pipe(upstream);
      client.resume();
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    upstream.on('error', () => {
      if (!connected) this.forward(client, attemptsLeft - 1);
      else client.destroy();
    });
    client.on('error', () => upstream.destroy());
  }

  private track(socket: Socket): Socket {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    return socket;
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Run as its own process (`node -r ./tools/register-typescript.js tcp-balancer.ts PORT…`), off the test's event loop; prints its port. */
if (require.main === module) {
  void TcpBalancer.listen().then((balancer) => {
    balancer.backends = process.argv.slice(2).map(Number);
    process.stdout.write(`${balancer.port}\n`);
  });
}
