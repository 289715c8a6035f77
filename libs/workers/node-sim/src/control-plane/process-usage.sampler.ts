import { readFileSync } from 'node:fs';

/**
 * The real CPU and memory of Drydock's own processes (the control plane's static pods), read from
 * /proc as cAdvisor reads a container's cgroup: CPU is the rate of utime+stime between two samples
 * (since the process started, on the first), memory the resident set. Linux only; elsewhere, and for a
 * process that is gone, there is no sample.
 */

/** USER_HZ: the unit of utime and stime (100 on every Linux Drydock runs on). */
const CLOCK_TICKS_PER_SECOND = 100;

export interface ProcessSample {
  cpuNanoCores: number;
  memoryBytes: number;
}

export class ProcessUsageSampler {
  private readonly previous = new Map<number, { atMs: number; cpuSeconds: number }>();

  sample(pid: number, startedAtMs: number, nowMs = Date.now()): ProcessSample | undefined {
    const cpuSeconds = readCpuSeconds(pid);
    const memoryBytes = readResidentBytes(pid);
    if (cpuSeconds === undefined || memoryBytes === undefined) {
      this.previous.delete(pid);
      return undefined;
    }
    const last = this.previous.get(pid) ?? { atMs: startedAtMs, cpuSeconds: 0 };
    this.previous.set(pid, { atMs: nowMs, cpuSeconds });
    const elapsedSeconds = Math.max(0.001, (nowMs - last.atMs) / 1000);
    const cores = Math.max(0, cpuSeconds - last.cpuSeconds) / elapsedSeconds;
    return { cpuNanoCores: Math.round(cores * 1e9), memoryBytes };
  }
}

/** utime + stime of /proc/PID/stat (fields 14 and 15; the command may contain spaces, so count after its `)`). */
function readCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

function readResidentBytes(pid: number): number | undefined {
  try {
    const kib = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib === undefined ? undefined : Number(kib) * 1024;
  } catch {
    return undefined;
  }
}
