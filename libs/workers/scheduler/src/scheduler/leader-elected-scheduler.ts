import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { ClusterClients, DEFAULT_CLUSTER, KubeClient, LeaderElector } from '@drydock/client';
import type { Clock } from '@drydock/util';
import { ClusterSchedulerOptions, ClusterSchedulers } from './cluster-schedulers';
import { Scheduler, SchedulerOptions } from './scheduler';

export interface LeaderElection {
  namespace?: string;
  name?: string;
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
}

export interface LeaderElectedSchedulerOptions extends SchedulerOptions {
  /** The Lease lock (default kube-system/kube-scheduler, as upstream); false schedules without electing. */
  leaderElection?: LeaderElection | false;
}

export interface RunningScheduler {
  scheduler: Scheduler;
  /** Stops scheduling and campaigning; a leader hands its Lease back so a standby takes over at once. */
  stop(): Promise<void>;
}

/** What leadership starts paused, resumes, pauses and stops: one Scheduler or every cluster's. */
interface Electable {
  start(options: { paused?: boolean }): Promise<void>;
  pauseScheduling(): void;
  resumeScheduling(): void;
  stop(): Promise<void>;
}

/**
 * Runs a Scheduler that schedules only while it holds the Lease. Informers run throughout, so a
 * standby's cache is warm when it takes over; a leader that loses the Lease pauses and campaigns again.
 */
export async function startLeaderElectedScheduler(options: LeaderElectedSchedulerOptions): Promise<RunningScheduler> {
  const identity = options.identity ?? `${hostname()}_${randomUUID()}`;
  const scheduler = new Scheduler({ ...options, identity });
  return { scheduler, stop: await runElected(scheduler, { ...options, identity }) };
}

export interface ClusterSchedulerProcessOptions extends ClusterSchedulerOptions {
  clients: ClusterClients;
  leaderElection?: LeaderElection | false;
}

export interface RunningClusterSchedulers {
  schedulers: ClusterSchedulers;
  stop(): Promise<void>;
}

/**
 * The scheduler process: every cluster's scheduler (ClusterSchedulers), the default cluster's at once,
 * under one Lease in the default cluster (leadership picks the process that schedules; a Lease per
 * cluster would cost a renewal every 2 s per cluster for nothing).
 */
export async function startClusterSchedulers(options: ClusterSchedulerProcessOptions): Promise<RunningClusterSchedulers> {
  const identity = options.identity ?? `${hostname()}_${randomUUID()}`;
  const schedulers = new ClusterSchedulers(options.clients, { ...options, identity });
  return { schedulers, stop: await runElected(schedulers, { ...options, identity, client: options.clients.forCluster(DEFAULT_CLUSTER) }) };
}

/** Starts the target (paused while campaigning) and campaigns until the returned stop is called. */
async function runElected(target: Electable, options: { client: KubeClient; clock: Clock; identity: string; log?: (line: string) => void; leaderElection?: LeaderElection | false }): Promise<() => Promise<void>> {
  const election = options.leaderElection;
  if (election === false) {
    await target.start({});
    return () => target.stop();
  }
  await target.start({ paused: true });
  let stopped = false;
  let elector: LeaderElector | null = null;
  const { identity } = options;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const campaign = async () => {
    while (!stopped) {
      elector = new LeaderElector({
        client: options.client, clock: options.clock, identity, log,
        namespace: election?.namespace ?? 'kube-system', name: election?.name ?? 'kube-scheduler',
        leaseDurationMs: election?.leaseDurationMs, renewDeadlineMs: election?.renewDeadlineMs, retryPeriodMs: election?.retryPeriodMs,
        onStartedLeading: () => {
          log(`scheduler ${identity} became leader`);
          target.resumeScheduling();
        },
        onStoppedLeading: () => {
          log(`scheduler ${identity} stopped leading`);
          target.pauseScheduling();
        },
      });
      await elector.run();
    }
  };
  const campaigning = campaign();
  let stopping: Promise<void> | null = null;
  const stop = async () => {
    stopped = true;
    target.pauseScheduling();
    await elector?.stop({ release: true });
    await campaigning;
    await target.stop();
  };
  return () => (stopping ??= stop());
}
