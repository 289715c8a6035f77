import { parse } from 'yaml';
import { FieldPatchMeta } from '../schema/patch-strategies.table';
import { FieldSchema, SchemaNavigator } from '../schema/schema-navigator';
import { applyStrategicMergePatch } from './strategic-merge-patch.apply';

/**
 * Cases from upstream's strategicpatch tests (patch_test.go, the "current + three-way patch →
 * result" half), over the same test type MergeItem: mergingList merges by name, mergingIntList is
 * a merged list of scalars, retainKeysMap carries patchStrategy retainKeys.
 */
const item: FieldSchema = { kind: 'object', model: 'MergeItem' };
const fields: Record<string, { schema: FieldSchema; meta: FieldPatchMeta }> = {
  name: { schema: { kind: 'primitive', type: 'string' }, meta: {} },
  value: { schema: { kind: 'primitive', type: 'string' }, meta: {} },
  other: { schema: { kind: 'primitive', type: 'string' }, meta: {} },
  mergingList: { schema: { kind: 'array', items: item }, meta: { patchStrategy: 'merge', patchMergeKey: 'name' } },
  mergeItemPtr: { schema: { kind: 'array', items: item }, meta: { patchStrategy: 'merge', patchMergeKey: 'name' } },
  nonMergingList: { schema: { kind: 'array', items: item }, meta: {} },
  mergingIntList: { schema: { kind: 'array', items: { kind: 'primitive', type: 'integer' } }, meta: { patchStrategy: 'merge' } },
  retainKeysMap: { schema: item, meta: { patchStrategy: 'retainKeys' } },
};
const navigator: SchemaNavigator = {
  fieldSchema: (_model, field) => fields[field]?.schema,
  fieldPatchMeta: (_model, field) => fields[field]?.meta,
};

const cases: { description: string; current: string; patch: string; result: string }[] = [
  {
    description: 'add map and delete map from merging list with conflict',
    current: 'mergingList: [{name: 1, other: a}, {name: 4, other: c}]',
    patch: '{$setElementOrder/mergingList: [{name: 2}, {name: 3}], mergingList: [{name: 2}, {name: 3}, {name: 1, $patch: delete}]}',
    result: 'mergingList: [{name: 4, other: c}, {name: 2}, {name: 3}]',
  },
  {
    description: 'add an item in a list and preserve order',
    current: 'mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}]',
    patch: '{$setElementOrder/mergingList: [{name: 3}, {name: 1}, {name: 2}], mergingList: [{name: 3, value: 3}]}',
    result: 'mergingList: [{name: 3, value: 3}, {name: 1, other: a}, {name: 2, value: 2, other: b}]',
  },
  {
    description: 'nested patch merge with empty list',
    current: '{name: hi, mergingList: [{name: hello2}]}',
    patch: '{$setElementOrder/mergingList: [{name: hello}, {name: doesntexist}], mergingList: [{name: hello}]}',
    result: '{name: hi, mergingList: [{name: hello}, {name: hello2}]}',
  },
  {
    description: 'delete items in lists of scalars',
    current: 'mergingIntList: [1, 2, 3]',
    patch: '{$setElementOrder/mergingIntList: [1, 2], $deleteFromPrimitiveList/mergingIntList: [3]}',
    result: 'mergingIntList: [1, 2]',
  },
  {
    description: 'delete and reorder in one list, reorder in another',
    current: '{mergingList: [{name: a, value: a}, {name: b, value: b}], mergeItemPtr: [{name: c, value: c}, {name: d, value: d}]}',
    patch: '{$setElementOrder/mergingList: [{name: b}], $setElementOrder/mergeItemPtr: [{name: d}, {name: c}], mergingList: [{$patch: delete, name: a}]}',
    result: '{mergingList: [{name: b, value: b}], mergeItemPtr: [{name: d, value: d}, {name: c, value: c}]}',
  },
  {
    description: 'retainKeys map with no change in a nested merging list keeps the server-only item',
    current: 'retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b}, {name: c}]}',
    patch: 'retainKeysMap: {$retainKeys: [mergingList, name, value], $setElementOrder/mergingList: [{name: a}, {name: b}], value: bar}',
    result: 'retainKeysMap: {name: foo, value: bar, mergingList: [{name: a}, {name: b}, {name: c}]}',
  },
  {
    description: '$setElementOrder contains an item that is not present in the list to be merged',
    current: 'mergingList: [{name: 1}, {name: 3}]',
    patch: '{$setElementOrder/mergingList: [{name: 3}, {name: 2}, {name: 1}], mergingList: [{name: 3, value: 3}, {name: 1, value: 1}]}',
    result: 'mergingList: [{name: 3, value: 3}, {name: 1, value: 1}]',
  },
  {
    description: 'retainKeys map adds an item in nested merging int list',
    current: 'retainKeysMap: {name: foo, mergingIntList: [1, 2, 3]}',
    patch: 'retainKeysMap: {$setElementOrder/mergingIntList: [1, 2, 4], $retainKeys: [mergingIntList, name], mergingIntList: [4]}',
    result: 'retainKeysMap: {name: foo, mergingIntList: [1, 2, 4, 3]}',
  },
  {
    description: 'retainKeys map adds an item and deletes an item in nested merging int list',
    current: 'retainKeysMap: {name: foo, mergingIntList: [1, 2, 3, 4]}',
    patch: 'retainKeysMap: {$retainKeys: [mergingIntList, name], mergingIntList: [5], $deleteFromPrimitiveList/mergingIntList: [2], $setElementOrder/mergingIntList: [1, 3, 5]}',
    result: 'retainKeysMap: {name: foo, mergingIntList: [1, 3, 5, 4]}',
  },
  {
    description: 'retainKeys map changes an item in nested merging list',
    current: 'retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b, value: foo}, {name: x}]}',
    patch: 'retainKeysMap: {$retainKeys: [mergingList, name], $setElementOrder/mergingList: [{name: a}, {name: b}], mergingList: [{name: b, value: bar}]}',
    result: 'retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b, value: bar}, {name: x}]}',
  },
  {
    description: 'retainKeys map deletes an item in nested merging list',
    current: 'retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b}, {name: x}]}',
    patch: 'retainKeysMap: {$retainKeys: [mergingList, name], $setElementOrder/mergingList: [{name: a}], mergingList: [{name: b, $patch: delete}]}',
    result: 'retainKeysMap: {name: foo, mergingList: [{name: a}, {name: x}]}',
  },
  {
    description: 'retainKeys map deletes nested merging list',
    current: 'retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b}]}',
    patch: 'retainKeysMap: {$retainKeys: [name, value], value: bar, mergingList: null}',
    result: 'retainKeysMap: {name: foo, value: bar}',
  },
  {
    description: 'retainKeys map replaces non-merging list',
    current: 'retainKeysMap: {name: foo, value: bar, nonMergingList: [{name: a}, {name: b}]}',
    patch: 'retainKeysMap: {$retainKeys: [name, nonMergingList, value], nonMergingList: [{name: a}, {name: c}, {name: b}]}',
    result: 'retainKeysMap: {name: foo, value: bar, nonMergingList: [{name: a}, {name: c}, {name: b}]}',
  },
];

describe('applyStrategicMergePatch on upstream’s test cases', () => {
  it.each(cases)('$description', ({ current, patch, result }) => {
    expect(applyStrategicMergePatch(parse(current), parse(patch), 'MergeItem', navigator)).toEqual(parse(result));
  });
});
