import { kubeMicroTime } from '@drydock/kube';
import { Clock, createClock } from '@drydock/util';
import { isAlreadyExists, isConflict } from './api-error';
import { sleepUnlessAborted } from './backoff';
import type { KubeClient } from './client.types';
import { Lease, LeaseSpec, nextLeaseSpec, sameRecord } from './lease-record';
import { resources } from './resources';

export interface LeaderElectionConfig {
  client: KubeClient;
  /** The Lease lock, e.g. kube-system/kube-controller-manager. */
  namespace: string;
  name: string;
  /** Unique per candidate (upstream: `<hostname>_<uuid>`). */
  identity: string;
  /**
   * Defaults 15 s / 10 s / 2 s as upstream; lease > renew deadline > 1.2·retry. Real milliseconds unless
   * `scaleLeaseTimings`: a leader must not lose its Lease because a busy machine delays one renewal by
   * a second, which a 10x clock would make fatal.
   */
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
  clock?: Clock;
  /** Run the lease timings on `clock` (simulated time) instead of real time. Default false. */
  scaleLeaseTimings?: boolean;
  /** Called once leadership is acquired; `signal` aborts when it is lost or stop() is called. Do not block in it. */
  onStartedLeading(signal: AbortSignal): void | Promise<void>;
  /** Called once after leading ends (lost or stopped), never if leadership was not acquired. */
  onStoppedLeading(): void;
  /** Called when the observed holder changes (including to this candidate). */
  onNewLeader?(identity: string): void;
  log?: (message: string) => void;
}

/**
 * client-go's leaderelection on a Lease. Every retryPeriod a candidate reads the Lease and writes
 * itself as holder when the lease is free, its own, or unrenewed for leaseDuration since this
 * candidate last saw it change (local observation, so clocks need not agree); the write carries the
 * resourceVersion read, so of two racing candidates one gets 409 and loses. A leader that cannot
 * renew within renewDeadline stops leading. run() resolves when leading ended or stop() was called.
 */
export class LeaderElector {
  private readonly clock: Clock;
  private readonly leaseDurationMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryPeriodMs: number;
  private readonly log: (message: string) => void;
  private readonly abort = new AbortController();
  private observed?: Lease;
  private observedAtMs = 0;
  private leading = false;
  private running?: Promise<void>;

  constructor(private readonly config: LeaderElectionConfig) {
    this.clock = config.clock && config.scaleLeaseTimings ? config.clock : createClock(1);
    this.leaseDurationMs = config.leaseDurationMs ?? 15_000;
    this.renewDeadlineMs = config.renewDeadlineMs ?? 10_000;
    this.retryPeriodMs = config.retryPeriodMs ?? 2_000;
    this.log = config.log ?? ((message) => process.stderr.write(`leader election ${config.namespace}/${config.name}: ${message}\n`));
    if (this.leaseDurationMs <= this.renewDeadlineMs) throw new Error('leaseDuration must be greater than renewDeadline');
    if (this.renewDeadlineMs <= 1.2 * this.retryPeriodMs) throw new Error('renewDeadline must be greater than retryPeriod*1.2');
  }

  /** Campaigns, leads, and resolves once leading ended (lost or stopped); call once. */
  run(): Promise<void> {
    this.running ??= this.campaign();
    return this.running;
  }

  /** Stops campaigning or leading. With `release`, a leader empties the Lease so a standby takes over at once. */
  async stop(options: { release?: boolean } = {}): Promise<void> {
    const wasLeading = this.leading;
    this.abort.abort();
    await this.running;
    if (options.release && wasLeading) await this.release();
  }

  isLeader(): boolean {
    return this.leading;
  }

  /** The holder last observed ('' when none). */
  getLeader(): string {
    return this.observed?.spec?.holderIdentity ?? '';
  }

  private async campaign(): Promise<void> {
    const signal = this.abort.signal;
    if (!(await this.acquire(signal))) return;
    const leadership = new AbortController();
    this.leading = true;
    this.startLeading(leadership.signal);
    await this.renew(signal);
    this.leading = false;
    leadership.abort();
    this.config.onStoppedLeading();
  }

  private startLeading(signal: AbortSignal): void {
    try {
      Promise.resolve(this.config.onStartedLeading(signal)).catch((error) => this.log(`onStartedLeading failed: ${error?.message ?? error}`));
    } catch (error) {
      this.log(`onStartedLeading failed: ${(error as Error)?.message ?? error}`);
    }
  }

  /** Tries every retryPeriod (jittered by up to 20 %) until it holds the lease; false when stopped first. */
  private async acquire(signal: AbortSignal): Promise<boolean> {
    while (!signal.aborted) {
      if (await this.tryAcquireOrRenew()) return true;
      await sleepUnlessAborted(this.clock.realMs(this.retryPeriodMs * (1 + Math.random() * 0.2)), signal);
    }
    return false;
  }

  /** Renews every retryPeriod; returns when stopped or when no renewal succeeded for renewDeadline. */
  private async renew(signal: AbortSignal): Promise<void> {
    let renewedAt = Date.now();
    while (!signal.aborted) {
      await sleepUnlessAborted(this.clock.realMs(this.retryPeriodMs), signal);
      if (signal.aborted) return;
      const remainingMs = this.clock.realMs(this.renewDeadlineMs) - (Date.now() - renewedAt);
      if (await withTimeout(this.tryAcquireOrRenew(), remainingMs)) renewedAt = Date.now();
      else if (this.clock.simulatedSince(renewedAt) >= this.renewDeadlineMs) {
        this.log(`failed to renew the lease within ${this.renewDeadlineMs} ms: leadership lost`);
        return;
      }
    }
  }

  /** One attempt; true when this candidate holds the lease afterwards. Never throws. */
  private async tryAcquireOrRenew(): Promise<boolean> {
    const { client, namespace, name, identity } = this.config;
    try {
      const current = await client.get<Lease>(resources.leases, namespace, name);
      if (!current) return this.createLease();
      this.observe(current);
      const holder = current.spec?.holderIdentity ?? '';
      if (holder && holder !== identity && !this.expired(current.spec!)) return false;
      const lease: Lease = { ...current, spec: nextLeaseSpec(current.spec, identity, this.leaseDurationSeconds(), this.clock.now()) };
      this.observe(await client.update<Lease>(resources.leases, lease));
      return true;
    } catch (error) {
      if (!isConflict(error)) this.log(`cannot acquire or renew: ${(error as Error)?.message ?? error}`);
      return false;
    }
  }

  private async createLease(): Promise<boolean> {
    const { client, namespace, name, identity } = this.config;
    const lease: Lease = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, namespace }, spec: nextLeaseSpec(undefined, identity, this.leaseDurationSeconds(), this.clock.now()) };
    try {
      this.observe(await client.create<Lease>(resources.leases, namespace, lease));
      return true;
    } catch (error) {
      if (!isAlreadyExists(error)) this.log(`cannot create the lease: ${(error as Error)?.message ?? error}`);
      return false;
    }
  }

  /** Remembers when this candidate first saw the current record (the basis of expiry). */
  private observe(lease: Lease): void {
    const changed = !sameRecord(this.observed?.spec, lease.spec);
    const previousHolder = this.getLeader();
    this.observed = lease;
    if (changed) this.observedAtMs = Date.now();
    const holder = this.getLeader();
    if (holder !== previousHolder && holder) this.config.onNewLeader?.(holder);
  }

  private expired(spec: LeaseSpec): boolean {
    const durationMs = (spec.leaseDurationSeconds ?? this.leaseDurationMs / 1000) * 1000;
    return this.clock.simulatedSince(this.observedAtMs) > durationMs;
  }

  private leaseDurationSeconds(): number {
    return Math.max(1, Math.ceil(this.leaseDurationMs / 1000));
  }

  /** Hands the lease back (holder '', 1 s duration) if this candidate still holds it; best effort. */
  private async release(): Promise<void> {
    const lease = this.observed;
    if (!lease || lease.spec?.holderIdentity !== this.config.identity) return;
    const now = kubeMicroTime(this.clock.now());
    const spec: LeaseSpec = { holderIdentity: '', leaseDurationSeconds: 1, acquireTime: now, renewTime: now, leaseTransitions: lease.spec.leaseTransitions };
    try {
      this.observe(await this.config.client.update<Lease>(resources.leases, { ...lease, spec }));
    } catch (error) {
      this.log(`cannot release the lease: ${(error as Error)?.message ?? error}`);
    }
  }
}

function withTimeout(attempt: Promise<boolean>, timeoutMs: number): Promise<boolean> {
  if (timeoutMs <= 0) return attempt;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  return Promise.race([attempt, timeout]).finally(() => clearTimeout(timer));
}
