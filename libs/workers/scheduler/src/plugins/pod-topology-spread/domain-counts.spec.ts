import fc from 'fast-check';
import { labelSelectorMatcher } from '@drydock/kube';
import { SchedulerCache } from '../../cache/scheduler-cache';
import { newPodInfo } from '../../framework/node-info';
import { snapshotOf } from '../../framework/snapshot';
import { contextFor, makeNode, makePod } from '../../framework/testing';
import type { Pod, TopologySpreadConstraint } from '../../framework/types';
import { countsFor } from './domain-counts';
import { PodTopologySpreadScoring } from './pod-topology-spread.score';
import { hasAllTopologyKeys, nodeCounts, SpreadConstraint, spreadConstraints, systemDefaultConstraints } from './spread-constraint';

const HOSTNAME = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';
const NODES = 6;
const PODS = 12;

type Op =
  | { op: 'node'; node: number; zone?: string; rack?: string; noHostname: boolean; disk: boolean; taint: boolean }
  | { op: 'removeNode'; node: number }
  | { op: 'bind' | 'assume'; pod: number; node: number; app: string; namespace: string; terminating: boolean }
  | { op: 'forget' | 'removePod'; pod: number }
  | { op: 'cycle'; incoming: Pod; feasible: boolean[] };

const nodeName = (i: number) => `n${i}`;
const app = fc.constantFrom('x', 'y');
const namespace = fc.constantFrom('a', 'b');

const constraintArb: fc.Arbitrary<TopologySpreadConstraint> = fc.record({
  maxSkew: fc.integer({ min: 1, max: 5 }),
  topologyKey: fc.constantFrom(ZONE, HOSTNAME, 'rack'),
  whenUnsatisfiable: fc.constant('ScheduleAnyway' as const),
  labelSelector: app.map((value) => ({ matchLabels: { app: value } })),
  nodeAffinityPolicy: fc.constantFrom('Honor' as const, 'Ignore' as const, undefined),
  nodeTaintsPolicy: fc.constantFrom('Honor' as const, 'Ignore' as const, undefined),
});

/** An incoming pod: system defaults (no constraints of its own) or 1–3 of its own, with or without a node selector and a toleration. */
const incomingArb: fc.Arbitrary<Pod> = fc
  .record({ app, namespace, own: fc.array(constraintArb, { maxLength: 3 }), ssd: fc.boolean(), tolerates: fc.boolean() })
  .map(({ app: value, namespace: ns, own, ssd, tolerates }) =>
    makePod(
      'incoming',
      {
        topologySpreadConstraints: own.length ? own : undefined,
        nodeSelector: ssd ? { disk: 'ssd' } : undefined,
        tolerations: tolerates ? [{ key: 'dedicated', operator: 'Exists' }] : undefined,
      },
      { app: value },
      ns,
    ),
  );

/** Nodes and pods come more often than they go, so the counts are rarely empty. */
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('node' as const),
      node: fc.nat(NODES - 1),
      zone: fc.constantFrom('z1', 'z2', 'z3', undefined),
      rack: fc.constantFrom('r1', 'r2', undefined),
      noHostname: fc.constantFrom(false, false, false, true),
      disk: fc.boolean(),
      taint: fc.constantFrom(false, false, true),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('removeNode' as const), node: fc.nat(NODES - 1) }) },
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constantFrom('bind' as const, 'assume' as const),
      pod: fc.nat(PODS - 1),
      node: fc.nat(NODES - 1),
      app,
      namespace,
      terminating: fc.constantFrom(false, false, false, true),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constantFrom('forget' as const, 'removePod' as const), pod: fc.nat(PODS - 1) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('cycle' as const), incoming: incomingArb, feasible: fc.array(fc.boolean(), { minLength: NODES, maxLength: NODES }) }) },
);

/** The counts from scratch, written out without DomainCounts or the per-node memo: the oracle. */
function walkTotals(cache: SchedulerCache, constraint: SpreadConstraint, required: SpreadConstraint[] | null, pod: Pod): Map<string, number> {
  const totals = new Map<string, number>();
  const matches = labelSelectorMatcher(constraint.selector);
  for (const info of cache.nodeInfos()) {
    const value = info.labels[constraint.topologyKey];
    if ((required && !hasAllTopologyKeys(required, info.labels)) || value === undefined || !nodeCounts(constraint, pod, info)) continue;
    let count = 0;
    for (const { pod: existing } of info.pods.values()) {
      if (!existing.metadata.deletionTimestamp && existing.metadata.namespace === pod.metadata.namespace && matches(existing.metadata.labels)) count++;
    }
    if (count > 0) totals.set(value, (totals.get(value) ?? 0) + count);
  }
  return totals;
}

function scores(plugin: PodTopologySpreadScoring, pod: Pod, snapshot: Parameters<typeof contextFor>[1], feasible: ReturnType<SchedulerCache['nodeInfos']>): number[] | 'skip' {
  const ctx = contextFor(pod, snapshot);
  if (plugin.preScore(ctx, feasible) !== null) return 'skip';
  const result = feasible.map((node) => plugin.score(ctx, node));
  plugin.normalize(ctx, result, feasible);
  return result;
}

function apply(cache: SchedulerCache, op: Exclude<Op, { op: 'cycle' }>): void {
  switch (op.op) {
    case 'node': {
      const node = makeNode(nodeName(op.node), {
        labels: { ...(op.zone && { [ZONE]: op.zone }), ...(op.rack && { rack: op.rack }), ...(op.disk && { disk: 'ssd' }) },
        taints: op.taint ? [{ key: 'dedicated', value: 'yes', effect: 'NoSchedule' }] : undefined,
      });
      if (op.noHostname) delete node.metadata.labels![HOSTNAME];
      cache.addOrUpdateNode(node);
      return;
    }
    case 'removeNode':
      return cache.removeNode(nodeName(op.node));
    case 'bind':
    case 'assume': {
      const pod = makePod(`p${op.pod}`, { nodeName: nodeName(op.node) }, { app: op.app }, op.namespace);
      if (op.terminating) pod.metadata.deletionTimestamp = '2026-12-08T00:00:00Z';
      if (op.op === 'bind') cache.addOrUpdatePod(pod);
      else cache.assumePod(newPodInfo(pod), nodeName(op.node));
      return;
    }
    case 'forget':
    case 'removePod':
      for (const ns of ['a', 'b']) {
        if (op.op === 'forget') cache.forgetPod(`${ns}/p${op.pod}`);
        else cache.removePod(`${ns}/p${op.pod}`);
      }
  }
}

const replicaSetPods = ['a', 'b'].flatMap((ns) => ['x', 'y'].map((value) => makePod('next', {}, { app: value }, ns)));

describe('PodTopologySpread domain counts kept across cycles', () => {
  it('equal the counts from scratch, and the scores equal those of a full walk, after any changes to the cache', () => {
    const plugin = new PodTopologySpreadScoring((pod) => ({ matchLabels: { app: pod.metadata.labels!.app } }));
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 10, maxLength: 40, size: 'max' }), fc.constantFrom(1, 4096), (ops, changesKept) => {
        const cache = new SchedulerCache(changesKept);
        for (const op of ops) {
          if (op.op !== 'cycle') {
            apply(cache, op);
            // The counts a ReplicaSet's pods read on every cycle, checked after every change.
            for (const pod of replicaSetPods) {
              const zone = spreadConstraints(pod, 'ScheduleAnyway', systemDefaultConstraints({ matchLabels: { app: pod.metadata.labels!.app } }))[1];
              expect(countsFor(cache, zone, null, pod).totals).toEqual(walkTotals(cache, zone, null, pod));
            }
            continue;
          }
          const pod = op.incoming;
          const own = Boolean(pod.spec.topologySpreadConstraints?.length);
          const constraints = own ? spreadConstraints(pod, 'ScheduleAnyway') : spreadConstraints(pod, 'ScheduleAnyway', systemDefaultConstraints({ matchLabels: { app: pod.metadata.labels!.app } }));
          for (const constraint of constraints) {
            const required = own ? constraints : null;
            expect(countsFor(cache, constraint, required, pod).totals).toEqual(walkTotals(cache, constraint, required, pod));
          }
          const feasible = cache.nodeInfos().filter((_, i) => op.feasible[i]);
          expect(scores(plugin, pod, cache, feasible)).toEqual(scores(plugin, pod, snapshotOf(cache.nodeInfos()), feasible));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('recounts a node whose pods changed between cycles', () => {
    const cache = new SchedulerCache();
    cache.addOrUpdateNode(makeNode('a', { labels: { [ZONE]: 'z1' } }));
    cache.addOrUpdateNode(makeNode('b', { labels: { [ZONE]: 'z2' } }));
    const pod = makePod('incoming', {}, { app: 'x' });
    const [, zone] = spreadConstraints(pod, 'ScheduleAnyway', systemDefaultConstraints({ matchLabels: { app: 'x' } }));
    expect(countsFor(cache, zone, null, pod).totals).toEqual(new Map());
    cache.assumePod(newPodInfo(makePod('p1', {}, { app: 'x' })), 'a');
    cache.addOrUpdatePod(makePod('p2', { nodeName: 'b' }, { app: 'x' }));
    cache.addOrUpdatePod(makePod('p3', { nodeName: 'b' }, { app: 'y' }));
    expect(countsFor(cache, zone, null, pod).totals).toEqual(new Map([['z1', 1], ['z2', 1]]));
    cache.forgetPod('default/p1');
    cache.addOrUpdatePod(makePod('p2', { nodeName: 'a' }, { app: 'x' }));
    expect(countsFor(cache, zone, null, pod).totals).toEqual(new Map([['z1', 1]]));
    cache.removeNode('a');
    expect(countsFor(cache, zone, null, pod).totals).toEqual(new Map());
  });
});
