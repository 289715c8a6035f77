import { aggregatedRules, ClusterRole, sameRules } from './aggregated-rules';

const role = (name: string, labels: Record<string, string>, rules: unknown[], selectors?: unknown[]): ClusterRole => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name, labels },
  rules,
  ...(selectors ? { aggregationRule: { clusterRoleSelectors: selectors } } : {}),
});

const get = { verbs: ['get'], apiGroups: [''], resources: ['pods'] };
const list = { verbs: ['list'], apiGroups: [''], resources: ['pods'] };
const write = { verbs: ['create'], apiGroups: ['apps'], resources: ['deployments'] };

describe('the rules of an aggregated ClusterRole (upstream clusterroleaggregation syncClusterRole)', () => {
  it('takes the rules of every selected role, by name, each rule once, never its own', () => {
    const aggregate = role('aggregate', { team: 'a' }, [write], [{ matchLabels: { team: 'a' } }]);
    const all = [aggregate, role('zz', { team: 'a' }, [get, list]), role('aa', { team: 'a' }, [list]), role('other', { team: 'b' }, [write])];
    expect(aggregatedRules(aggregate, all)).toEqual([list, get]);
  });

  it('follows its selectors in order', () => {
    const aggregate = role('aggregate', {}, [], [{ matchLabels: { team: 'b' } }, { matchLabels: { team: 'a' } }]);
    expect(aggregatedRules(aggregate, [aggregate, role('a', { team: 'a' }, [get]), role('b', { team: 'b' }, [write])])).toEqual([write, get]);
  });

  it('is empty when nothing is selected, which equals having no rules', () => {
    const aggregate = role('aggregate', {}, [], [{ matchLabels: { team: 'none' } }]);
    expect(aggregatedRules(aggregate, [aggregate, role('a', { team: 'a' }, [get])])).toEqual([]);
    expect(sameRules([], undefined)).toBe(true);
    expect(sameRules([get], [list])).toBe(false);
  });
});
