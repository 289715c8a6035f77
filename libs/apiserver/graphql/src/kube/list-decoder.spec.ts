import { ListDecoder, splitItems } from './list-decoder';

const tricky = { metadata: { name: 'a', annotations: { 'x"]},[{': 'a \\" b ] } , [ {', quote: '\\', unicode: '\u2028é' } }, spec: { list: [1, [2, { items: [3] }], null, true, -1.5e3] } };
const list = (items: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '7', items: 'not these' }, items, ...extra });

describe('splitItems', () => {
  it('cuts the top-level items array into its elements, whatever their strings and nesting hold', () => {
    const body = list([tricky, { metadata: { name: 'b' } }, 'text', 4], { after: { items: [9] } });
    const split = splitItems(body)!;
    expect(split.items.map((text) => JSON.parse(text))).toEqual([tricky, { metadata: { name: 'b' } }, 'text', 4]);
    expect(JSON.parse(split.rest)).toEqual({ ...JSON.parse(body), items: [] });
  });

  it('answers an empty array with no elements, and a body without an items array with undefined', () => {
    expect(splitItems(list([]))).toEqual({ rest: list([]), items: [] });
    expect(splitItems(JSON.stringify({ metadata: { items: [1] } }))).toBeUndefined();
    expect(splitItems(JSON.stringify({ items: null }))).toBeUndefined();
  });
});

describe('ListDecoder', () => {
  it('decodes a list as JSON.parse does', () => {
    const body = list([tricky, { metadata: { name: 'b' } }]);
    expect(new ListDecoder().decode('pods', body)).toEqual(JSON.parse(body));
  });

  it('reuses the objects of the collection`s last list whose text is unchanged, and no other collection`s', () => {
    const decoder = new ListDecoder();
    const first = decoder.decode('pods', list([{ n: 1 }, { n: 2 }])).items!;
    const second = decoder.decode('pods', list([{ n: 1 }, { n: 3 }])).items!;
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toEqual({ n: 3 });
    expect(decoder.decode('nodes', list([{ n: 1 }])).items![0]).not.toBe(first[0]);
  });
});

describe('ListDecoder when only the list metadata moved', () => {
  it('answers the last list`s objects in a fresh array, with the new metadata', () => {
    const decoder = new ListDecoder();
    const first = decoder.decode<{ n: number }>('pods', JSON.stringify({ metadata: { resourceVersion: '1' }, items: [{ n: 1 }, { n: 2 }] }));
    const second = decoder.decode<{ n: number }>('pods', JSON.stringify({ metadata: { resourceVersion: '2' }, items: [{ n: 1 }, { n: 2 }] }));
    expect(second.metadata?.resourceVersion).toBe('2');
    expect(second.items).toEqual(first.items);
    expect(second.items).not.toBe(first.items);
    expect(second.items![1]).toBe(first.items![1]);
  });
});
