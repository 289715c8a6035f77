import type { KubeObject } from '@drydock/util';
import { builtinResources } from '@drydock/registry';
import { checkDeletePreconditions, markForDeletion } from './deletion';

const find = (resource: string) => builtinResources().find((d) => d.group === '' && d.resource === resource)!;
const now = new Date('2026-01-01T00:00:00Z');

function pod(spec: Record<string, unknown>, phase = 'Running'): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'u1', resourceVersion: '5' }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec }, status: { phase } };
}

describe('markForDeletion', () => {
  it('removes an object without finalizers at once', () => {
    expect(markForDeletion(find('configmaps'), { metadata: { name: 'a' } }, { dryRun: false }, now)).toBeUndefined();
  });

  it('keeps a Foreground-deleted object with the foregroundDeletion finalizer', () => {
    const marked = markForDeletion(find('configmaps'), { metadata: { name: 'a' } }, { dryRun: false, propagationPolicy: 'Foreground' }, now);
    expect(marked!.metadata).toMatchObject({ finalizers: ['foregroundDeletion'], deletionTimestamp: '2026-01-01T00:00:00Z', deletionGracePeriodSeconds: 0 });
  });

  it('deletes a pod bound to a node gracefully: its terminationGracePeriodSeconds, or the requested one', () => {
    const bound = pod({ nodeName: 'n1', terminationGracePeriodSeconds: 10 });
    expect(markForDeletion(find('pods'), bound, { dryRun: false }, now)!.metadata).toMatchObject({ deletionTimestamp: '2026-01-01T00:00:10Z', deletionGracePeriodSeconds: 10 });
    expect(markForDeletion(find('pods'), pod({ nodeName: 'n1' }), { dryRun: false, gracePeriodSeconds: 3 }, now)!.metadata.deletionGracePeriodSeconds).toBe(3);
    expect(markForDeletion(find('pods'), pod({ nodeName: 'n1' }), { dryRun: false }, now)!.metadata.deletionGracePeriodSeconds).toBe(30);
  });

  it('removes at once a pod that is unbound, finished, or deleted with grace period 0', () => {
    expect(markForDeletion(find('pods'), pod({}), { dryRun: false }, now)).toBeUndefined();
    expect(markForDeletion(find('pods'), pod({ nodeName: 'n1' }, 'Succeeded'), { dryRun: false }, now)).toBeUndefined();
    expect(markForDeletion(find('pods'), pod({ nodeName: 'n1' }), { dryRun: false, gracePeriodSeconds: 0 }, now)).toBeUndefined();
  });

  it('marks a namespace Terminating and keeps it while spec.finalizers remain', () => {
    const namespace: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } };
    const marked = markForDeletion(find('namespaces'), namespace, { dryRun: false }, now);
    expect(marked).toMatchObject({ metadata: { deletionTimestamp: '2026-01-01T00:00:00Z' }, status: { phase: 'Terminating' } });
  });
});

describe('checkDeletePreconditions', () => {
  it('answers a moved uid or resourceVersion with 409 Conflict in upstream words', () => {
    const current = pod({});
    expect(() => checkDeletePreconditions(find('pods'), current, { dryRun: false, preconditions: { uid: 'other' } })).toThrow('Precondition failed: UID in precondition: other, UID in object meta: u1');
    expect(() => checkDeletePreconditions(find('pods'), current, { dryRun: false, preconditions: { resourceVersion: '4' } })).toThrow('Precondition failed: ResourceVersion in precondition: 4, ResourceVersion in object meta: 5');
    expect(() => checkDeletePreconditions(find('pods'), current, { dryRun: false, preconditions: { uid: 'u1', resourceVersion: '5' } })).not.toThrow();
  });
});
