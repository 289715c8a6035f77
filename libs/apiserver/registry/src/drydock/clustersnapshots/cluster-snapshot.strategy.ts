import { isDeepStrictEqual } from 'node:util';
import { isDns1123Label } from '@drydock/kube';
import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import type { ResourceStrategy } from '../../resource.types';
import { invalidEach } from '../../support/field-errors';
import { record, text } from '../../support/object-fields';
import { keepAllButStatus, keepStatusForUpdate, resetStatusForCreate } from '../../support/status-subresource';
import { age, ageColumn, boolCell, column, intCell, nameColumn, timestampSince } from '../../support/table-columns';

/** The cluster a snapshot copies (`spec.cluster`). */
export function snapshotCluster(snapshot: KubeObject): string {
  return text(record(snapshot.spec).cluster);
}

/**
 * drydock.dev/v1 ClusterSnapshot: a named copy of every object of one cluster at one revision (cluster-scoped,
 * in the default cluster), as a VolumeSnapshot is of a volume. The API server takes it once the object exists
 * and reports `status.readyToUse`, `revision` and `objects`; the spec cannot change afterwards. A Cluster is
 * restored to it (`clusters/<name>/restore`) or cloned from it (`spec.source.snapshot`).
 */
export const clusterSnapshotStrategy: ResourceStrategy = {
  prepareForCreate: (snapshot) => resetStatusForCreate(snapshot, { readyToUse: false }),
  prepareForUpdate: (snapshot, old) => keepStatusForUpdate(snapshot, old),
  validate(snapshot): FieldError[] {
    const cluster = snapshotCluster(snapshot);
    return cluster ? invalidEach('spec.cluster', cluster, isDns1123Label(cluster)) : [fieldErrors.required('spec.cluster')];
  },
  validateUpdate(snapshot, old): FieldError[] {
    return isDeepStrictEqual(snapshot.spec, old.spec) ? [] : [fieldErrors.invalid('spec', snapshot.spec, 'field is immutable')];
  },
  prepareForStatusUpdate: (snapshot, old) => keepAllButStatus(snapshot, old),
  /** `spec.cluster`: an owner lists the snapshots of her cluster with it (ClusterSnapshotAuthorizer). */
  selectableFields: (snapshot) => ({ 'spec.cluster': snapshotCluster(snapshot) }),
  table: {
    columns: [
      nameColumn,
      column('Cluster', 'string', 'The cluster the snapshot copies.'),
      column('ReadyToUse', 'boolean', 'Whether the snapshot has been taken and can be restored or cloned.'),
      column('Objects', 'integer', 'The objects the snapshot holds.'),
      column('Revision', 'string', 'The revision (resourceVersion) the cluster was copied at.'),
      column('CreationTime', 'date', 'When the snapshot was taken.', 1),
      ageColumn,
    ],
    row: (snapshot, ctx) => {
      const status = record(snapshot.status);
      const revision = status.revision;
      return [
        snapshot.metadata.name ?? '',
        snapshotCluster(snapshot),
        boolCell(status.readyToUse),
        intCell(status.objects),
        typeof revision === 'number' ? String(revision) : '<none>',
        timestampSince(text(status.creationTime) || undefined, ctx.now),
        age(snapshot, ctx.now),
      ];
    },
  },
};
