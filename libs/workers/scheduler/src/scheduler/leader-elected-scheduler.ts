import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { LeaderElector } from '@drydock/client';
import { Scheduler, SchedulerOptions } from './scheduler';

export interface LeaderElectedSchedulerOptions extends SchedulerOptions {
  /** The Lease lock (default kube-system/kube-scheduler, as upstream); false schedules without electing. */
  leaderElection?: { namespace?: string; name?: string; leaseDurationMs?: number; renewDeadlineMs?: number; retryPeriodMs?: number } | false;
}

export interface RunningScheduler {
  scheduler: Scheduler;
  /** Stops scheduling and campaigning; a leader hands its Lease back so a standby takes over at once. */
  stop(): Promise<void>;
}

/**
 * Runs a Scheduler that schedules only while it holds the Lease. Informers run throughout, so a
 * standby's cache is warm when it takes over; a leader that loses the Lease pauses and campaigns again.
 */
export async function startLeaderElectedScheduler(options: LeaderElectedSchedulerOptions): Promise<RunningScheduler> {
  const identity = options.identity ?? `${hostname()}_${randomUUID()}`;
  const scheduler = new Scheduler({ ...options, identity });
  const election = options.leaderElection;
  if (election === false) {
    await scheduler.start();
    return { scheduler, stop: () => scheduler.stop() };
  }
  await scheduler.start({ paused: true });
  let stopped = false;
  let elector: LeaderElector | null = null;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const campaign = async () => {
    while (!stopped) {
      elector = new LeaderElector({
        client: options.client, clock: options.clock, identity, log,
        namespace: election?.namespace ?? 'kube-system', name: election?.name ?? 'kube-scheduler',
        leaseDurationMs: election?.leaseDurationMs, renewDeadlineMs: election?.renewDeadlineMs, retryPeriodMs: election?.retryPeriodMs,
        onStartedLeading: () => {
          log(`scheduler ${identity} became leader`);
          scheduler.resumeScheduling();
        },
        onStoppedLeading: () => {
          log(`scheduler ${identity} stopped leading`);
          scheduler.pauseScheduling();
        },
      });
      await elector.run();
    }
  };
  const campaigning = campaign();
  let stopping: Promise<void> | null = null;
  const stop = async () => {
    stopped = true;
    scheduler.pauseScheduling();
    await elector?.stop({ release: true });
    await campaigning;
    await scheduler.stop();
  };
  return { scheduler, stop: () => (stopping ??= stop()) };
}
