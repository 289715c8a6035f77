import { parseQuantity, quantityError } from '@drydock/kube';
import type { ContainerProgram, ContainerSpec } from './container-program';
import { usageFamily } from './resource-usage.model';

/**
 * The load generators the Kubernetes tasks use to teach requests and limits: `polinux/stress`
 * (`stress --vm 1 --vm-bytes 150M --vm-hang 1`, `stress --cpu 2`) and `vish/stress` (`-cpus 2`,
 * `-mem-total 950Mi`). They run until stopped (or stress's `--timeout`), and what they burn and
 * allocate is the container's usage: CPU throttled at its limit, memory over its limit OOMKilled.
 */

export interface StressLoad {
  cpuMilli: number;
  memoryBytes: number;
}

const STRESS = /(^|\/)stress(-ng)?$/;
const MI = 1024 * 1024;

/** stress's arguments when the container runs it (its command, or the stress image's entrypoint). */
export function stressArguments(container: ContainerSpec): string[] | undefined {
  const command = container.command ?? [];
  if (command.length > 0) return STRESS.test(command[0]) ? [...command.slice(1), ...(container.args ?? [])] : undefined;
  return usageFamily(container.image ?? '') === 'stress' ? [...(container.args ?? [])] : undefined;
}

/** stress's atoll_b: a size with an optional B/K/M/G suffix in powers of 1024. */
function stressSize(text: string | undefined): number | undefined {
  const match = /^(\d+)([bBkKmMgG]?)$/.exec(text ?? '');
  if (!match) return undefined;
  const unit = { '': 1, b: 1, k: 1024, m: MI, g: 1024 * MI }[match[2].toLowerCase()] ?? 1;
  return Number(match[1]) * unit;
}

export function stressLoad(args: string[]): StressLoad {
  const value = (...names: string[]) => {
    const index = args.findIndex((arg) => names.includes(arg));
    return index >= 0 ? args[index + 1] : undefined;
  };
  const cpus = Number(value('--cpu', '-c', '-cpus') ?? 0) || 0;
  const workers = Number(value('--vm', '-m') ?? 0) || 0;
  const vmBytes = stressSize(value('--vm-bytes')) ?? 256 * MI;
  const total = value('-mem-total');
  const vishBytes = total !== undefined && !quantityError(total) ? parseQuantity(total).value() : 0;
  return { cpuMilli: cpus * 1000, memoryBytes: workers * vmBytes + vishBytes };
}

/** The process: stress's dispatch line, then it runs until `--timeout` (exit 0) or until stopped. */
export function stressProgram(args: string[]): ContainerProgram {
  const count = (...names: string[]) => Number(args[args.findIndex((arg) => names.includes(arg)) + 1] ?? 0) || 0;
  const vish = args.some((arg) => /^-(cpus|mem-total)$/.test(arg));
  const timeout = /^(\d+)([smhd]?)$/.exec(args[args.indexOf('--timeout') + 1] ?? (args.includes('-t') ? args[args.indexOf('-t') + 1] : ''));
  const output = vish ? [] : [{ atMs: 0, stream: 'stderr' as const, text: `stress: info: [1] dispatching hogs: ${count('--cpu', '-c')} cpu, ${count('--io', '-i')} io, ${count('--vm', '-m')} vm, ${count('--hdd', '-d')} hdd` }];
  if (!timeout) return { output, handlesSigterm: true };
  const seconds = Number(timeout[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 }[timeout[2]] ?? 1);
  const done = { atMs: seconds * 1000, stream: 'stderr' as const, text: `stress: info: [1] successful run completed in ${seconds}s` };
  return { output: [...output, done], exit: { afterMs: seconds * 1000, exitCode: 0 }, handlesSigterm: true };
}
