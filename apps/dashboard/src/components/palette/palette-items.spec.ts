import { describe, expect, it } from '@jest/globals';
import { fuzzyMatch } from './fuzzy';
import { paletteItems, rankItems, type PaletteData } from './palette-items';

const data: PaletteData = {
  namespaces: [{ name: 'shop', podCount: 3 }],
  nodes: [{ name: 'node-3', status: 'Ready' }, { name: 'node-13', status: 'Ready' }],
  workloads: [{ kind: 'Deployment', namespace: 'default', name: 'web', status: 'Available' }],
  pods: [{ namespace: 'default', name: 'web-7d9f-x2k4q', status: 'Running' }],
};

describe('fuzzyMatch', () => {
  it('needs every character in order and prefers substrings and word starts', () => {
    expect(fuzzyMatch('nd3', 'node-3')).toBeDefined();
    expect(fuzzyMatch('3nd', 'node-3')).toBeUndefined();
    expect(fuzzyMatch('web', 'default/web')!.score).toBeGreaterThan(fuzzyMatch('web', 'default/w-e-b')?.score ?? -Infinity);
  });
});

describe('rankItems', () => {
  const items = paletteItems(data);

  it('puts the Deployment before its pods and goes where each item lives', () => {
    const ranked = rankItems(items, 'web');
    expect(ranked[0].item.href).toBe('/workloads/Deployment/default/web');
    expect(ranked.map((r) => r.item.href)).toContain('/pods/default/web-7d9f-x2k4q');
  });

  it('matches words against the kind too ("node 3") and lists pages without a query', () => {
    expect(rankItems(items, 'node 3')[0].item.href).toBe('/nodes/node-3');
    expect(rankItems(items, '').slice(0, 2).map((r) => r.item.label)).toEqual(['Overview', 'Nodes']);
    expect(rankItems(items, 'shop')[0].item.href).toBe('/pods?namespace=shop');
  });
});
