import { createClock } from '@drydock/util';
import { ContainerFilesystems, ContainerShell } from '@drydock/node-sim';

/**
 * What the shells cost per running container, without the rest of Drydock: N busybox containers each
 * running BENCH_COMMAND (default the issue's `while true; do sleep 3600; done`) in its own interpreter
 * over its own filesystem, as the node simulator runs a pod's script command. Prints the live heap after
 * a full GC and RSS before and after, and the CPU the idle loops take over a minute.
 * `BENCH_PODS=10000 node --expose-gc -r ./tools/register-typescript.js e2e/workers/node-sim/shell-cost.bench.ts`
 */
const pods = Number(process.env.BENCH_PODS ?? 10000);
const script = process.env.BENCH_COMMAND ?? 'while true; do sleep 3600; done';
const MiB = 1024 * 1024;

function memory(): { heap: number; rss: number } {
  (global as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed / MiB, rss: usage.rss / MiB };
}

async function main(): Promise<void> {
  const clock = createClock(1);
  const filesystems = new ContainerFilesystems();
  const before = memory();
  const stops: AbortController[] = [];
  const started = Date.now();
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < pods; i++) {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: `p-${i}`, namespace: 'default', uid: `uid-${i}` }, spec: { containers: [{ name: 'app', image: 'busybox:1.36' }] } };
    const context = { pod: () => pod, podIP: () => `10.1.${Math.floor(i / 250)}.${i % 250}`, nodeAllocatable: () => ({}), lookup: {}, now: () => new Date() } as never;
    const fs = filesystems.get(`default/p-${i}`, `uid-${i}/app`, pod.spec.containers[0] as never, context);
    const shell = new ContainerShell({ fs, env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOSTNAME: `p-${i}` }, knownImage: 'busybox', clock, commands: [] });
    const stop = new AbortController();
    stops.push(stop);
    void shell.run(['sh', '-c', script], { output: () => undefined, signal: stop.signal });
    if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
  }
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const startCpu = process.cpuUsage(cpuStart);
  const running = memory();
  const idleFrom = process.cpuUsage();
  await new Promise((resolve) => setTimeout(resolve, 60_000));
  const idle = process.cpuUsage(idleFrom);
  const per = (value: number) => ((value * 1024) / pods).toFixed(0);
  console.log(`${pods} containers running ${JSON.stringify(script)} (load ${(await import('node:os')).loadavg().map((n) => n.toFixed(1)).join(' ')})`);
  console.log(`  heap after GC: ${before.heap.toFixed(0)} → ${running.heap.toFixed(0)} MiB (${per(running.heap - before.heap)} KiB per container)`);
  console.log(`  RSS: ${before.rss.toFixed(0)} → ${running.rss.toFixed(0)} MiB (${per(running.rss - before.rss)} KiB per container)`);
  console.log(`  CPU to start them: ${((startCpu.user + startCpu.system) / 1e6).toFixed(1)} s over ${((Date.now() - started) / 1000 - 60).toFixed(1)} s; idle afterwards: ${((idle.user + idle.system) / 1e6).toFixed(2)} s over 60 s`);
  stops.forEach((stop) => stop.abort());
  process.exit(0);
}

void main();
