import { EventRecorder, KubeClient } from '@drydock/client';
import type { Clock } from '@drydock/util';
import type { Pod } from '../framework/types';

export const SCHEDULER_NAME = 'default-scheduler';

/** What the scheduler reports about a pod, as upstream's events. Calls never block or throw. */
export interface SchedulerEventSink {
  /** `Scheduled` (Normal): `Successfully assigned ns/pod to node`. */
  scheduled(pod: Pod, nodeName: string): void;
  /** `FailedScheduling` (Warning) with the FitError message or the binding error. */
  failedScheduling(pod: Pod, message: string): void;
  /** `Preempted` (Normal) on the victim: `Preempted by pod <preemptor uid> on node <node>`. */
  preempted?(victim: Pod, preemptor: Pod, nodeName: string): void;
  /** Resolves when the events waiting to be written are few enough to schedule more pods (back-pressure instead of dropping). */
  whenRoom?(): Promise<void>;
  /** Waits for queued events (on stop). */
  shutdown?(): Promise<void>;
}

/**
 * Events through the client's EventRecorder (core/v1 Events, repeats aggregated into count and
 * lastTimestamp, written in the background). Every pod bound gets its Scheduled event: the writers
 * are half as many as the bindings in flight (one event per binding), and past 10,000 waiting
 * events the scheduling loop waits for them (whenRoom) rather than any being dropped.
 */
export class RecorderEventSink implements SchedulerEventSink {
  private readonly recorder: EventRecorder;

  constructor(client: KubeClient, options: { clock?: Clock; instance?: string; log?: (line: string) => void } = {}) {
    this.recorder = new EventRecorder(client, { component: SCHEDULER_NAME, host: options.instance, clock: options.clock, maxQueued: 10_000, concurrency: 32, log: options.log });
  }

  scheduled(pod: Pod, nodeName: string): void {
    this.recorder.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${nodeName}`);
  }

  failedScheduling(pod: Pod, message: string): void {
    this.recorder.event(pod, 'Warning', 'FailedScheduling', message);
  }

  preempted(victim: Pod, preemptor: Pod, nodeName: string): void {
    this.recorder.event(victim, 'Normal', 'Preempted', `Preempted by pod ${preemptor.metadata.uid} on node ${nodeName}`);
  }

  whenRoom(): Promise<void> {
    return this.recorder.whenRoom();
  }

  shutdown(): Promise<void> {
    return this.recorder.shutdown();
  }
}
