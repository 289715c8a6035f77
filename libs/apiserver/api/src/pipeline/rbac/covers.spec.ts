import { compactRules, compactString, covers } from './covers';
import type { PolicyRule } from './policy-rule';

const rule = (verbs: string[], apiGroups: string[], resources: string[], resourceNames?: string[]): PolicyRule => ({ verbs, apiGroups, resources, ...(resourceNames ? { resourceNames } : {}) });

describe('validation.Covers (upstream policy_comparator)', () => {
  it.each<[string, PolicyRule[], PolicyRule[], PolicyRule[]]>([
    ['* on *.* covers everything', [rule(['*'], ['*'], ['*'])], [rule(['get', 'delete'], ['apps'], ['deployments/scale'])], []],
    ['an exact rule covers itself', [rule(['get', 'list'], [''], ['pods'])], [rule(['get'], [''], ['pods'])], []],
    ['a missing verb is reported alone', [rule(['get'], [''], ['pods'])], [rule(['get', 'delete'], [''], ['pods'])], [rule(['delete'], [''], ['pods'])]],
    ['*/subresource covers any resource subresource', [rule(['get'], ['apps'], ['*/scale'])], [rule(['get'], ['apps'], ['deployments/scale'])], []],
    ['*/subresource does not cover the resource', [rule(['get'], ['apps'], ['*/scale'])], [rule(['get'], ['apps'], ['deployments'])], [rule(['get'], ['apps'], ['deployments'])]],
    ['named rules do not cover unnamed ones', [rule(['get'], [''], ['pods'], ['a'])], [rule(['get'], [''], ['pods'])], [rule(['get'], [''], ['pods'])]],
    ['unnamed rules cover named ones', [rule(['get'], [''], ['pods'])], [rule(['get'], [''], ['pods'], ['a', 'b'])], []],
    ['a URL prefix covers the paths under it', [{ verbs: ['get'], nonResourceURLs: ['/apis/*'] }], [{ verbs: ['get'], nonResourceURLs: ['/apis/apps', '/healthz'] }], [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }]],
  ])('%s', (_name, owner, wanted, missing) => {
    expect(covers(owner, wanted)).toEqual(missing);
  });

  it('compacts missing rules by target and prints them as CompactString', () => {
    const missing = compactRules([rule(['get'], [''], ['pods']), rule(['delete'], [''], ['pods']), rule(['get'], ['apps'], ['deployments'], ['web'])]);
    expect(missing.map(compactString).sort()).toEqual(['{APIGroups:[""], Resources:["pods"], Verbs:["get" "delete"]}', '{APIGroups:["apps"], Resources:["deployments"], ResourceNames:["web"], Verbs:["get"]}']);
  });
});
