import { getControllerOf, isControlledBy, isOwnedBy, newControllerRef } from './owner-references';

const owner = { metadata: { name: 'web', uid: 'rs-1' } };
const controllerRef = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs-1', controller: true };
const plainRef = { apiVersion: 'v1', kind: 'ConfigMap', name: 'c', uid: 'cm-1' };

describe('owner references', () => {
  it('finds the controller reference only where controller=true', () => {
    expect(getControllerOf({ metadata: { ownerReferences: [plainRef, controllerRef] } })).toBe(controllerRef);
    expect(getControllerOf({ metadata: { ownerReferences: [plainRef] } })).toBeUndefined();
    expect(getControllerOf({})).toBeUndefined();
  });

  it('tells controlled-by from merely owned-by', () => {
    const pod = { metadata: { ownerReferences: [{ ...controllerRef, controller: false }] } };
    expect(isControlledBy(pod, owner)).toBe(false);
    expect(isOwnedBy(pod, owner)).toBe(true);
    expect(isControlledBy({ metadata: { ownerReferences: [controllerRef] } }, owner)).toBe(true);
    expect(isOwnedBy({ metadata: {} }, owner)).toBe(false);
    expect(isOwnedBy({ metadata: { ownerReferences: [controllerRef] } }, { metadata: {} })).toBe(false);
  });

  it('builds a controller reference that blocks owner deletion', () => {
    expect(newControllerRef(owner, 'apps/v1', 'ReplicaSet')).toEqual({ ...controllerRef, blockOwnerDeletion: true });
  });
});
