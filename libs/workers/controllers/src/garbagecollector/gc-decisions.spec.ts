import type { KubeObject, OwnerReference } from '@drydock/util';
import { classifyReferences, decideForDependent, OwnerState, unblockedOwnerReferences } from './gc-decisions';

const ref = (uid: string, blockOwnerDeletion = true): OwnerReference => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: uid, uid, blockOwnerDeletion });
const object = (refs: OwnerReference[], finalizers?: string[]): KubeObject => ({ metadata: { name: 'dep', uid: 'dep-uid', ownerReferences: refs, finalizers } });
const live = (extra: Partial<KubeObject['metadata']> = {}): OwnerState => ({ absent: false, object: { metadata: { name: 'o', ...extra } } });
const deletingDependents = live({ deletionTimestamp: '2026-01-01T00:00:00Z', finalizers: ['foregroundDeletion'] });

describe('garbage collector decisions (attemptToDeleteItem)', () => {
  it('keeps an object whose owner is alive', () => {
    const item = object([ref('a')]);
    expect(decideForDependent(item, classifyReferences([ref('a')], () => live()), false)).toEqual({ action: 'none' });
  });

  it('deletes in the background an object whose only owner is gone', () => {
    const item = object([ref('a')]);
    expect(decideForDependent(item, classifyReferences([ref('a')], () => ({ absent: true })), false)).toEqual({ action: 'delete', propagationPolicy: 'Background' });
  });

  it('drops only the dangling reference when another owner remains', () => {
    const refs = [ref('gone'), ref('alive')];
    const states: Record<string, OwnerState> = { gone: { absent: true }, alive: live() };
    expect(decideForDependent(object(refs), classifyReferences(refs, (r) => states[r.uid]), false)).toEqual({ action: 'removeOwnerReferences', uids: ['gone'] });
  });

  it('deletes the dependents of an owner in foreground deletion; foreground again when they have dependents', () => {
    const refs = [ref('a')];
    const classified = classifyReferences(refs, () => deletingDependents);
    expect(classified.waitingForDependentsDeletion).toEqual(refs);
    expect(decideForDependent(object(refs), classified, false)).toEqual({ action: 'delete', propagationPolicy: 'Background' });
    expect(decideForDependent(object(refs), classified, true)).toEqual({ action: 'delete', propagationPolicy: 'Foreground' });
  });

  it('breaks a cycle: a dependent whose own dependent also waits for its dependents is made non-blocking, then deleted in the foreground', () => {
    const refs = [ref('a')];
    const classified = classifyReferences(refs, () => deletingDependents);
    expect(decideForDependent(object(refs), classified, true, true)).toEqual({ action: 'delete', propagationPolicy: 'Foreground', unblockOwnerReferences: true });
    expect(unblockedOwnerReferences(object([ref('a'), ref('b', false)])).map((r) => r.blockOwnerDeletion)).toEqual([false, false]);
  });

  it('honours the dependent’s own orphan or foreground finalizer when collecting it', () => {
    const refs = [ref('a')];
    const gone = classifyReferences(refs, () => ({ absent: true }));
    expect(decideForDependent(object(refs, ['orphan']), gone, false)).toEqual({ action: 'delete', propagationPolicy: 'Orphan' });
    expect(decideForDependent(object(refs, ['foregroundDeletion']), gone, false)).toEqual({ action: 'delete', propagationPolicy: 'Foreground' });
  });
});
