import { KubeObject } from '@drydock/util';
import type { ResourceStrategy } from '../../resource.types';
import { timestampSince } from '../../meta/human-duration';
import { isQualifiedName } from '@drydock/kube';
import { ensureRecord, list, record, text } from '../../support/object-fields';
import { keepOldStatus } from '../../support/status-subresource';
import { ageColumn, column, nameColumn } from '../../support/table-columns';
import { validateCoreMeta, validateKubeFinalizerName } from '../../support/object-meta-fields';
import { invalidEach } from '../../support/field-errors';

/** SetDefaults_Namespace / the namespace Canonicalize: every named namespace carries its name as a label. */
function setNameLabel(namespace: KubeObject): void {
  if (!namespace.metadata.name) return;
  namespace.metadata.labels = { ...(namespace.metadata.labels ?? {}), 'kubernetes.io/metadata.name': namespace.metadata.name };
}

export const namespaceStrategy: ResourceStrategy = {
  defaults(namespace) {
    setNameLabel(namespace);
    const status = ensureRecord(namespace, 'status');
    if (!status.phase) status.phase = 'Active';
  },
  prepareForCreate(namespace) {
    namespace.status = { phase: 'Active' };
    const spec = ensureRecord(namespace, 'spec');
    const finalizers = Array.isArray(spec.finalizers) ? (spec.finalizers as string[]) : [];
    if (!finalizers.includes('kubernetes')) spec.finalizers = [...finalizers, 'kubernetes'];
    setNameLabel(namespace);
  },
  prepareForUpdate(namespace, old) {
    namespace.spec = { ...record(namespace, 'spec'), finalizers: record(old, 'spec').finalizers };
    if (record(old, 'spec').finalizers === undefined) delete (namespace.spec as Record<string, unknown>).finalizers;
    keepOldStatus(namespace, old);
    setNameLabel(namespace);
  },
  validate(namespace) {
    const finalizers = record(namespace, 'spec').finalizers;
    const names = Array.isArray(finalizers) ? finalizers.map(text) : [];
    return [...validateCoreMeta(namespace.metadata), ...names.flatMap((f) => [
      ...invalidEach('spec.finalizers', f, isQualifiedName(f)),
      ...validateKubeFinalizerName(f, 'spec.finalizers'),
    ])];
  },
  table: {
    columns: [nameColumn, column('Status', 'string', 'The status of the namespace'), ageColumn],
    row: (namespace, ctx) => [namespace.metadata.name ?? '', text(record(namespace, 'status').phase), timestampSince(namespace.metadata.creationTimestamp, ctx.now)],
  },
  // Upstream's namespace REST Delete: the first DELETE marks it Terminating; it stays until the
  // namespace finalizer has emptied it and cleared spec.finalizers.
  deletion: {
    awaitsFinalization: (namespace) => list(record(namespace, 'spec').finalizers).length > 0,
    prepareForDelete(namespace) {
      namespace.status = { ...record(namespace, 'status'), phase: 'Terminating' };
    },
  },
  selectableFields: (namespace) => ({ 'metadata.name': namespace.metadata.name ?? '', 'status.phase': text(record(namespace, 'status').phase) }),
};
