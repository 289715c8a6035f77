import { Client, ClientConfig } from 'pg';
import { sql } from './sql';

/**
 * One dedicated connection LISTENing for drydock_write()'s notifications. `onNotify` is called for
 * each notification and after every (re)connect, since notifications sent while disconnected are
 * lost. After a failure it reconnects every `retryMs` until it succeeds or is stopped.
 */
export class ChangeListener {
  private client?: Client;
  private retryTimer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly config: ClientConfig,
    private readonly onNotify: () => void,
    private readonly onError: (error: unknown) => void,
    private readonly retryMs = 1000,
  ) {}

  /** Resolves once listening; rejects (and stops) when the first connection fails. */
  async start(): Promise<void> {
    this.running = true;
    try {
      await this.connect();
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client(this.config);
    this.client = client;
    client.on('notification', () => this.onNotify());
    client.on('error', (error) => this.failed(client, error));
    client.on('end', () => this.failed(client, new Error('LISTEN connection closed')));
    try {
      await client.connect();
      await client.query(sql.listen);
    } catch (error) {
      this.failed(client, error);
      throw error;
    }
    this.onNotify();
  }

  private failed(client: Client, error: unknown): void {
    if (this.client !== client || !this.running) return;
    this.client = undefined;
    this.onError(error);
    void client.end().catch(() => undefined);
    this.retryTimer = setTimeout(() => {
      if (this.running) this.connect().catch(() => undefined);
    }, this.retryMs);
    this.retryTimer.unref();
  }
}
