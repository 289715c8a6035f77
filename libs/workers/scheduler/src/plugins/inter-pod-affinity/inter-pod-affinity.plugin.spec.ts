import { snapshotOf } from '../../framework/snapshot';
import { contextFor, makeNode, makePod, nodeInfoOf } from '../../framework/testing';
import type { Pod, PodAffinityTerm } from '../../framework/types';
import { termMatches } from './affinity-term';
import { ERR_REASON_AFFINITY, ERR_REASON_ANTI_AFFINITY, ERR_REASON_EXISTING_ANTI_AFFINITY, InterPodAffinityPlugin } from './inter-pod-affinity.plugin';

const zoneTerm = (app: string): PodAffinityTerm => ({ labelSelector: { matchLabels: { app } }, topologyKey: 'zone' });
const hostTerm = (app: string): PodAffinityTerm => ({ labelSelector: { matchLabels: { app } }, topologyKey: 'kubernetes.io/hostname' });

function cluster(podsOnA: Pod[] = [], podsOnB: Pod[] = []) {
  const a = nodeInfoOf(makeNode('a', { labels: { zone: 'z1' } }), podsOnA);
  const b = nodeInfoOf(makeNode('b', { labels: { zone: 'z2' } }), podsOnB);
  const c = nodeInfoOf(makeNode('c', { labels: { zone: 'z1' } }));
  return { a, b, c, snapshot: snapshotOf([a, b, c]) };
}

function filterAll(pod: Pod, nodes: ReturnType<typeof cluster>) {
  const plugin = new InterPodAffinityPlugin();
  const ctx = contextFor(pod, nodes.snapshot);
  if (plugin.preFilter(ctx) === 'skip') return [null, null, null];
  return [nodes.a, nodes.b, nodes.c].map((node) => plugin.filter(ctx, node)?.reasons[0] ?? null);
}

describe('InterPodAffinity filter', () => {
  it('requires a matching pod in the same topology domain', () => {
    const pod = makePod('p', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [zoneTerm('db')] } } });
    expect(filterAll(pod, cluster([makePod('db', {}, { app: 'db' })]))).toEqual([null, ERR_REASON_AFFINITY, null]);
  });

  it('lets the first pod of a self-selecting group in anywhere', () => {
    const pod = makePod('p', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [zoneTerm('web')] } } }, { app: 'web' });
    expect(filterAll(pod, cluster())).toEqual([null, null, null]);
  });

  it("keeps a pod out of domains holding pods its anti-affinity selects", () => {
    const pod = makePod('p', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [hostTerm('web')] } } }, { app: 'web' });
    expect(filterAll(pod, cluster([makePod('w', {}, { app: 'web' })]))).toEqual([ERR_REASON_ANTI_AFFINITY, null, null]);
  });

  it("honours existing pods' anti-affinity against the incoming pod (symmetry)", () => {
    const existing = makePod('guard', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [zoneTerm('web')] } } });
    expect(filterAll(makePod('p', {}, { app: 'web' }), cluster([existing]))).toEqual([ERR_REASON_EXISTING_ANTI_AFFINITY, null, ERR_REASON_EXISTING_ANTI_AFFINITY]);
  });

  it('only counts pods of the term namespaces (the pod’s own by default)', () => {
    const pod = makePod('p', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [zoneTerm('db')] } } });
    expect(filterAll(pod, cluster([makePod('db', {}, { app: 'db' }, 'other')]))).toEqual([ERR_REASON_AFFINITY, ERR_REASON_AFFINITY, ERR_REASON_AFFINITY]);
  });
});

describe('InterPodAffinity score', () => {
  it('prefers domains with pods the preferred affinity selects and avoids preferred anti-affinity', () => {
    const nodes = cluster([makePod('db', {}, { app: 'db' })], [makePod('noisy', {}, { app: 'noisy' })]);
    const pod = makePod('p', {
      affinity: {
        podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: zoneTerm('db') }] },
        podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: zoneTerm('noisy') }] },
      },
    });
    const plugin = new InterPodAffinityPlugin();
    const ctx = contextFor(pod, nodes.snapshot);
    const feasible = [nodes.a, nodes.b, nodes.c];
    expect(plugin.preScore(ctx)).toBeNull();
    const scores = feasible.map((node) => plugin.score(ctx, node));
    expect(scores).toEqual([10, -10, 10]);
    plugin.normalize(ctx, scores);
    expect(scores).toEqual([100, 0, 100]);
  });

  it('skips pods when nobody has affinity terms', () => {
    const plugin = new InterPodAffinityPlugin();
    expect(plugin.preScore(contextFor(makePod('p'), cluster([makePod('x')]).snapshot))).toBe('skip');
  });
});

describe('affinity term namespaces', () => {
  const owner = makePod('owner', {}, {}, 'team-a');
  const target = (namespace: string) => makePod('t', {}, { app: 'db' }, namespace);
  const term = (extra: Partial<PodAffinityTerm>): PodAffinityTerm => ({ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'zone', ...extra });
  const labels = (namespace: string) => ({ 'team-a': { env: 'prod' }, 'team-b': { env: 'dev' } } as Record<string, Record<string, string>>)[namespace];

  it("defaults to the owner's namespace, honours listed namespaces and namespaceSelector", () => {
    expect(termMatches(term({}), owner, target('team-a'))).toBe(true);
    expect(termMatches(term({}), owner, target('team-b'))).toBe(false);
    expect(termMatches(term({ namespaces: ['team-b'] }), owner, target('team-b'))).toBe(true);
    expect(termMatches(term({ namespaceSelector: {} }), owner, target('anything'))).toBe(true);
    expect(termMatches(term({ namespaceSelector: { matchLabels: { env: 'dev' } } }), owner, target('team-b'), labels)).toBe(true);
    expect(termMatches(term({ namespaceSelector: { matchLabels: { env: 'dev' } } }), owner, target('team-a'), labels)).toBe(false);
  });
});
