import { listJson, objectJson } from './object-json';

describe('object JSON', () => {
  it('encodes an object once and answers the same text after', () => {
    const object = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' } };
    const text = objectJson(object);
    expect(text).toBe(JSON.stringify(object));
    expect(objectJson(object)).toBe(text);
  });

  it('writes a list byte for byte as JSON.stringify does, items last', () => {
    const items = [{ metadata: { name: 'a', labels: { 'x"y': '\u2028' } } }, { metadata: { name: 'b' } }];
    const list = { kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '7', continue: 'abc' }, items };
    expect(listJson(list)).toBe(JSON.stringify(list));
    expect(listJson({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '7' }, items: [] })).toBe(JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '7' }, items: [] }));
    expect(listJson({ items })).toBe(JSON.stringify({ items }));
  });
});
