import type { PrismaClient } from '@drydock/storage';

/** One row of `audit_events` (see prisma/schema.prisma AuditEvent). */
export interface AuditRow {
  time: Date;
  receivedAt: Date;
  userName: string;
  groups: string[];
  impersonatedUserName: string | null;
  impersonatedGroups: string[];
  sourceIps: string[];
  cluster: string;
  verb: string;
  apiGroup: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
  requestUri: string;
  code: number;
  latencyMs: number;
  userAgent: string;
}

export interface AuditRetention {
  /** Rows older than this are deleted. */
  maxAgeMs: number;
  /** At most this many rows are kept (the newest). */
  maxRows: number;
}

export interface AuditTableOptions {
  retention: AuditRetention;
  /** How often queued rows are written (also when `batchSize` are queued). */
  flushMs?: number;
  batchSize?: number;
  /** Rows queued beyond this (the database is down or slow) are dropped, counted and reported. */
  maxQueued?: number;
  /** How often retention runs. */
  sweepMs?: number;
  onError: (error: unknown, context: string) => void;
}

/**
 * Writes audit records to the audit table in batches (one INSERT of many rows), so a request never
 * waits for its audit row, and keeps the table within its retention limits.
 */
export class AuditTableSink {
  private queue: AuditRow[] = [];
  private dropped = 0;
  private flushing: Promise<void> = Promise.resolve();
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: AuditTableOptions,
  ) {}

  start(): void {
    this.timers.push(setInterval(() => void this.flush(), this.options.flushMs ?? 1_000), setInterval(() => void this.sweep(), this.options.sweepMs ?? 60_000));
    for (const timer of this.timers) timer.unref();
  }

  add(row: AuditRow): void {
    if (this.queue.length >= (this.options.maxQueued ?? 10_000)) {
      this.dropped++;
      return;
    }
    this.queue.push(row);
    if (this.queue.length >= (this.options.batchSize ?? 500)) void this.flush();
  }

  /** Writes every queued row; resolves once they are in the table. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.writeQueued());
    return this.flushing;
  }

  private async writeQueued(): Promise<void> {
    while (this.queue.length) {
      const rows = this.queue.splice(0, this.options.batchSize ?? 500);
      await this.prisma.auditEvent.createMany({ data: rows }).catch((error) => this.options.onError(error, `audit: ${rows.length} records not written`));
    }
    if (this.dropped) {
      this.options.onError(new Error(`${this.dropped} audit records dropped: the audit table fell behind`), 'audit');
      this.dropped = 0;
    }
  }

  /** Applies the retention limits: rows past the age, then all but the newest maxRows. */
  async sweep(): Promise<void> {
    const { maxAgeMs, maxRows } = this.options.retention;
    try {
      await this.prisma.auditEvent.deleteMany({ where: { time: { lt: new Date(Date.now() - maxAgeMs) } } });
      await this.prisma.$executeRaw`DELETE FROM audit_events WHERE id <= (SELECT max(id) FROM audit_events) - ${BigInt(maxRows)}`;
    } catch (error) {
      this.options.onError(error, 'audit retention');
    }
  }

  async stop(): Promise<void> {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    await this.flush();
  }
}
