/**
 * Requests that reached each pod through the simulated network (a container's wget, curl or nc to a
 * Service or a pod IP), counted per pod IP over a sliding window of real time: the load that drives the
 * pod's simulated CPU usage. Real time, because the rate is set by how fast the learner's shell loop
 * runs, not by the simulated clock.
 */
export const TRAFFIC_WINDOW_MS = 10_000;

export class TrafficMeter {
  private readonly hits = new Map<string, number[]>();

  record(podIP: string, nowMs = Date.now()): void {
    if (!podIP) return;
    const times = this.hits.get(podIP) ?? [];
    times.push(nowMs);
    this.hits.set(podIP, times);
    if (times.length % 256 === 0) this.prune(podIP, times, nowMs);
  }

  /** Requests per second over the last window. */
  ratePerSecond(podIP: string, nowMs = Date.now()): number {
    const times = this.hits.get(podIP);
    if (!times) return 0;
    this.prune(podIP, times, nowMs);
    return (this.hits.get(podIP)?.length ?? 0) / (TRAFFIC_WINDOW_MS / 1000);
  }

  private prune(podIP: string, times: number[], nowMs: number): void {
    const first = times.findIndex((at) => at > nowMs - TRAFFIC_WINDOW_MS);
    if (first === -1) this.hits.delete(podIP);
    else if (first > 0) times.splice(0, first);
  }
}
