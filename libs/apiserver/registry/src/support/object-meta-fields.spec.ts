import { fieldErrorMessage } from '@drydock/util';
import { objectMetaFields, validateCoreMeta } from './object-meta-fields';

describe('object meta fields', () => {
  it('selects by metadata.name, and metadata.namespace for namespaced kinds', () => {
    expect(objectMetaFields({ metadata: { name: 'web', namespace: 'default' } })).toEqual({ 'metadata.name': 'web', 'metadata.namespace': 'default' });
    expect(objectMetaFields({ metadata: { name: 'node-1' } }, false)).toEqual({ 'metadata.name': 'node-1' });
  });

  it('accepts standard and qualified finalizers and names the index of any other, as core ValidateObjectMeta', () => {
    expect(validateCoreMeta({ finalizers: ['kubernetes', 'foregroundDeletion', 'example.com/cleanup'] })).toEqual([]);
    expect(validateCoreMeta({ finalizers: ['orphan', 'cleanup'] }).map(fieldErrorMessage)).toEqual([
      'metadata.finalizers[1]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });
});
