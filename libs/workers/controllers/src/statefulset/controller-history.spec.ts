import { controllerRevisionName, fnv32, hashControllerRevision, newControllerRevision, revisionPatch, revisionsToPrune, templateOfRevision } from './controller-history';

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] } };

describe('ControllerRevision history', () => {
  it('implements FNV-1 (hash/fnv.New32, published test vectors)', () => {
    expect(fnv32(Buffer.from(''))).toBe(0x811c9dc5);
    expect(fnv32(Buffer.from('a'))).toBe(0x050c5d7e);
    expect(fnv32(Buffer.from('foobar'))).toBe(0x31f0b262);
  });

  it('records the template as the replace patch kubectl rollout undo applies', () => {
    const data = revisionPatch(template);
    expect(data).toEqual({ spec: { template: { ...template, $patch: 'replace' } } });
    expect(templateOfRevision({ metadata: {}, data, revision: 1 })).toEqual(template);
  });

  it('hashes the data stably, changing with the template and the collision count', () => {
    const hash = hashControllerRevision(revisionPatch(template));
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(hashControllerRevision(revisionPatch(JSON.parse(JSON.stringify(template))))).toBe(hash);
    expect(hashControllerRevision(revisionPatch({ ...template, spec: { containers: [{ name: 'c', image: 'nginx:1.26' }] } }))).not.toBe(hash);
    expect(hashControllerRevision(revisionPatch(template), 1)).not.toBe(hash);
  });

  it('names a revision <parent>-<hash>, labelled with the hash and controlled by the parent', () => {
    const parent = { metadata: { name: 'web', namespace: 'ns', uid: 'u1' } };
    const revision = newControllerRevision(parent, 'apps/v1', 'StatefulSet', { app: 'web' }, revisionPatch(template), 3);
    const hash = revision.metadata.labels!['controller-revision-hash'];
    expect(revision.metadata.name).toBe(controllerRevisionName('web', hash));
    expect(revision.metadata.labels).toEqual({ app: 'web', 'controller-revision-hash': hash });
    expect(revision.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u1', controller: true, blockOwnerDeletion: true }]);
    expect(revision.revision).toBe(3);
  });

  it('prunes the oldest unused revisions beyond the limit', () => {
    const revisions = [1, 2, 3, 4].map((n) => ({ metadata: { name: `r${n}` }, revision: n }));
    expect(revisionsToPrune(revisions, new Set(['r4', 'r1']), 1).map((r) => r.metadata.name)).toEqual(['r2']);
  });
});
