import type { Pod } from '../util/workload.types';
import { CalculatorSettings, PodMetricsInfo, rawResourceReplicas, resourceReplicas } from './replica-calculator';

/**
 * Upstream's replica_calculator_test.go cases for resource metrics (one container per pod, so each
 * expected raw value is upstream's divided by numContainersPerPod). Pods start "cool" (before the CPU
 * initialization period) or "hot" (within it); readiness changes at the start time, as in upstream's fixtures.
 */
const now = Date.parse('2026-12-07T02:00:00Z');
const minute = 60_000;
const settings: CalculatorSettings = { nowMs: now, cpuInitializationPeriodMs: 2 * minute, delayOfInitialReadinessStatusMs: 10_000, tolerance: { scaleUp: 0.1, scaleDown: 0.1 } };
const cool = now - 3 * minute;
const hot = now - 10_000;

interface Case {
  currentReplicas: number;
  requests: string[];
  levels: number[];
  target: number;
  readiness?: Array<'True' | 'False'>;
  phases?: string[];
  startTimes?: number[];
  deleting?: boolean[];
}

function pods(c: Case): Pod[] {
  return c.requests.map((cpu, i) => {
    const start = new Date(c.startTimes?.[i] ?? cool).toISOString();
    return {
      metadata: { name: `test-pod-${i}`, ...(c.deleting?.[i] ? { deletionTimestamp: new Date(now).toISOString() } : {}) },
      spec: { containers: [{ name: 'app', resources: { requests: { cpu } } }] },
      status: { phase: c.phases?.[i] ?? 'Running', startTime: start, conditions: [{ type: 'Ready', status: c.readiness?.[i] ?? 'True', lastTransitionTime: start }] },
    } as Pod;
  });
}

const metrics = (levels: number[]): PodMetricsInfo => new Map(levels.map((value, i) => [`test-pod-${i}`, { timestampMs: now, windowMs: 30_000, value }]));
const run = (c: Case) => resourceReplicas(c.currentReplicas, c.target, 'cpu', pods(c), metrics(c.levels), settings);
const ones = (n: number) => Array(n).fill('1.0');

describe('resourceReplicas (upstream replica_calculator_test.go)', () => {
  it.each<[string, Case, number, number, number]>([
    ['ScaleUp', { currentReplicas: 3, requests: ones(3), levels: [300, 500, 700], target: 30 }, 5, 50, 500],
    ['ScaleUpUnreadyLessScale', { currentReplicas: 3, requests: ones(3), levels: [300, 500, 700], target: 30, readiness: ['False', 'True', 'True'] }, 4, 60, 600],
    ['ScaleUpHotCpuLessScale', { currentReplicas: 3, requests: ones(3), levels: [300, 500, 700], target: 30, startTimes: [hot, cool, cool] }, 4, 60, 600],
    ['ScaleUpUnreadyNoScale', { currentReplicas: 3, requests: ones(3), levels: [400, 500, 700], target: 30, readiness: ['True', 'False', 'False'] }, 3, 40, 400],
    ['ScaleHotCpuNoScale', { currentReplicas: 3, requests: ones(3), levels: [400, 500, 700], target: 30, readiness: ['True', 'False', 'False'], startTimes: [cool, hot, hot] }, 3, 40, 400],
    ['ScaleUpIgnoresFailedPods', { currentReplicas: 2, requests: ones(4), levels: [500, 700], target: 30, readiness: ['True', 'True', 'False', 'False'], phases: ['Running', 'Running', 'Failed', 'Failed'] }, 4, 60, 600],
    ['ScaleUpIgnoresDeletionPods', { currentReplicas: 2, requests: ones(4), levels: [500, 700], target: 30, readiness: ['True', 'True', 'False', 'False'], deleting: [false, false, true, true] }, 4, 60, 600],
    ['ScaleDown', { currentReplicas: 5, requests: ones(5), levels: [100, 300, 500, 250, 250], target: 50 }, 3, 28, 280],
    ['ScaleDownIncludeUnreadyPods', { currentReplicas: 5, requests: ones(5), levels: [100, 300, 500, 250, 250], target: 50, readiness: ['True', 'True', 'True', 'False', 'False'] }, 2, 30, 300],
    ['ScaleDownExcludeUnscheduledPods', { currentReplicas: 5, requests: ones(5), levels: [100], target: 50, readiness: ['True', 'False', 'False', 'False', 'False'], phases: ['Running', 'Pending', 'Pending', 'Pending', 'Pending'] }, 1, 10, 100],
    ['ScaleDownIgnoreHotCpuPods', { currentReplicas: 5, requests: ones(5), levels: [100, 300, 500, 250, 250], target: 50, startTimes: [cool, cool, cool, hot, hot] }, 2, 30, 300],
    ['ScaleDownIgnoresFailedPods', { currentReplicas: 5, requests: ones(7), levels: [100, 300, 500, 250, 250], target: 50, readiness: ['True', 'True', 'True', 'True', 'True', 'False', 'False'], phases: ['Running', 'Running', 'Running', 'Running', 'Running', 'Failed', 'Failed'] }, 3, 28, 280],
    ['Tolerance', { currentReplicas: 3, requests: ['0.9', '1.0', '1.1'], levels: [1010, 1030, 1020], target: 100 }, 3, 102, 1020],
    ['SuperfluousMetrics', { currentReplicas: 4, requests: ones(4), levels: [4000, 9500, 3000, 7000, 3200, 2000], target: 100 }, 24, 587, 5875],
    ['MissingMetrics', { currentReplicas: 4, requests: ones(4), levels: [400, 95], target: 100 }, 3, 24, 247],
    ['MissingMetricsNoChangeEq', { currentReplicas: 2, requests: ones(2), levels: [1000], target: 100 }, 2, 100, 1000],
    ['MissingMetricsNoChangeGt', { currentReplicas: 2, requests: ones(2), levels: [1900], target: 100 }, 2, 190, 1900],
    ['MissingMetricsNoChangeLt', { currentReplicas: 2, requests: ones(2), levels: [600], target: 100 }, 2, 60, 600],
    ['MissingMetricsUnreadyChange', { currentReplicas: 3, requests: ones(3), levels: [100, 450], target: 50, readiness: ['False', 'True', 'True'] }, 3, 45, 450],
    ['MissingMetricsHotCpuNoChange', { currentReplicas: 3, requests: ones(3), levels: [100, 450], target: 50, startTimes: [hot, cool, cool] }, 3, 45, 450],
    ['MissingMetricsUnreadyScaleUp', { currentReplicas: 3, requests: ones(3), levels: [100, 2000], target: 50, readiness: ['False', 'True', 'True'] }, 4, 200, 2000],
    ['MissingMetricsHotCpuScaleUp', { currentReplicas: 3, requests: ones(3), levels: [100, 2000], target: 50, readiness: ['False', 'True', 'True'], startTimes: [hot, cool, cool] }, 4, 200, 2000],
    ['MissingMetricsUnreadyScaleDown', { currentReplicas: 4, requests: ones(4), levels: [100, 100, 100], target: 50, readiness: ['False', 'True', 'True', 'True'] }, 3, 10, 100],
  ])('%s', (_name, c, replicas, utilization, raw) => {
    expect(run(c)).toEqual({ replicas, utilization, rawUtilization: raw });
  });

  it('ComputedToleranceAlgImplementation: scales down just past the tolerance, and not just inside it', () => {
    const perPod = 300;
    const requests = [perPod + 100, perPod - 100, perPod + 10, perPod - 10, perPod + 2, perPod - 2, perPod + 1, perPod - 1, perPod, perPod].map((m) => `${m}m`);
    const levels = Array(10).fill(150);
    const past = Math.trunc((Math.abs(1 / (2 * (1 - 0.1))) + 0.01) * 100);
    expect(run({ currentReplicas: 10, requests, levels, target: past }).replicas).toBe(Math.ceil((1500 / (3000 * (past / 100))) * 10));
    const inside = Math.trunc((Math.abs(1 / (2 * (1 - 0.1))) + 0.004) * 100);
    expect(run({ currentReplicas: 10, requests, levels, target: inside })).toEqual({ replicas: 10, utilization: 50, rawUtilization: 150 });
  });

  it('fails with upstream messages: a container without a request, no pods, no ready pod with metrics', () => {
    const noRequest = pods({ currentReplicas: 1, requests: ['1'], levels: [], target: 100 });
    (noRequest[0].spec as { containers: Array<{ resources: unknown }> }).containers[0].resources = {};
    expect(() => resourceReplicas(1, 100, 'cpu', noRequest, metrics([200]), settings)).toThrow('missing request for cpu in container app of Pod test-pod-0');
    expect(() => resourceReplicas(1, 100, 'cpu', [], metrics([200]), settings)).toThrow('no pods returned by selector while calculating replica count');
    const unready = { currentReplicas: 1, requests: ones(1), levels: [200], target: 100, readiness: ['False' as const] };
    expect(() => run(unready)).toThrow('did not receive metrics for targeted pods (pods might be unready)');
  });
});

describe('rawResourceReplicas (an AverageValue target)', () => {
  const raw = (c: Case) => rawResourceReplicas(c.currentReplicas, c.target, 'memory', pods(c), metrics(c.levels), settings);

  it('scales on the average usage per pod, holds within tolerance, and treats missing pods as at target on a scale-down', () => {
    expect(raw({ currentReplicas: 3, requests: ones(3), levels: [20000, 10000, 30000], target: 15000 })).toEqual({ replicas: 4, utilization: 20000, rawUtilization: 20000 });
    expect(raw({ currentReplicas: 3, requests: ones(3), levels: [20000, 21000, 21000], target: 20000 })).toEqual({ replicas: 3, utilization: 20666, rawUtilization: 20666 });
    expect(raw({ currentReplicas: 5, requests: ones(5), levels: [12000, 12000, 12000, 12000, 12000], target: 20000 }).replicas).toBe(3);
    expect(raw({ currentReplicas: 4, requests: ones(4), levels: [4000, 4000], target: 20000 }).replicas).toBe(3);
  });
});
