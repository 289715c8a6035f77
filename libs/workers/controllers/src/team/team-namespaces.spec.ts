import type { KubeObject } from '@drydock/util';
import { planNamespaces } from './team-namespaces';
import { testTeam } from './team-test-fixtures';

const namespace = (name: string, labels?: Record<string, string>, terminating = false): KubeObject => ({ metadata: { name, labels, ...(terminating ? { deletionTimestamp: '2026-12-07T00:00:00Z' } : {}) } });

describe('planNamespaces', () => {
  it('creates missing namespaces, adopts unlabelled ones, lets go of those the spec dropped, never deletes', () => {
    const team = testTeam('blue', { namespaces: ['blue', 'shared', 'blue-dev'] });
    const cache = [namespace('shared'), namespace('blue-dev', { 'drydock.dev/team': 'blue' }), namespace('old', { 'drydock.dev/team': 'blue' })];
    const plan = planNamespaces(team, (name) => cache.find((n) => n.metadata.name === name), cache.filter((n) => n.metadata.labels));
    expect(plan).toEqual({ create: ['blue'], adopt: ['shared'], release: ['old'], kept: ['blue', 'shared', 'blue-dev'], problems: [] });
  });

  it('leaves another team\'s namespace and a terminating one alone, saying why', () => {
    const team = testTeam('blue', { namespaces: ['green', 'gone'] });
    const cache = [namespace('green', { 'drydock.dev/team': 'green' }), namespace('gone', { 'drydock.dev/team': 'blue' }, true)];
    const plan = planNamespaces(team, (name) => cache.find((n) => n.metadata.name === name), [cache[1]]);
    expect(plan.kept).toEqual([]);
    expect(plan.problems).toEqual([
      { reason: 'NamespaceOwnedByAnotherTeam', message: 'namespace "green" belongs to team "green"' },
      { reason: 'NamespaceTerminating', message: 'namespace "gone" is terminating' },
    ]);
  });
});
