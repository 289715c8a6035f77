import type { ContainerInstance } from '../lifecycle/lifecycle.types';
import { LogLine, renderInstanceLog } from './container-log.renderer';

const FOLLOW_POLL_MS = 200;

export interface FollowOptions {
  /** Lines at or before this real time were already delivered (or are not wanted). */
  afterReal: number;
  realMs: (simulatedMs: number) => number;
  /** The pod is gone from this node (its log ends there too). */
  gone: () => boolean;
  lines: (lines: LogLine[]) => void;
  /** The instance ended (or the pod went): no more lines will come. */
  ended: () => void;
}

/**
 * Follows a container instance's log from a point in time, as `kubectl logs -f` and `kubectl attach`
 * see a process that prints: lines become visible in time order, so everything after the last line
 * delivered is new. Returns the stop function.
 */
export function followLog(instance: ContainerInstance, options: FollowOptions): () => void {
  let lastWritten = options.afterReal;
  const timer = setInterval(() => {
    const fresh = renderInstanceLog(instance, Date.now(), options.realMs).filter((line) => line.at.getTime() > lastWritten);
    if (fresh.length) {
      lastWritten = fresh[fresh.length - 1].at.getTime();
      options.lines(fresh);
    }
    if (instance.endedAfterMs !== undefined || options.gone()) {
      clearInterval(timer);
      options.ended();
    }
  }, FOLLOW_POLL_MS);
  return () => clearInterval(timer);
}
