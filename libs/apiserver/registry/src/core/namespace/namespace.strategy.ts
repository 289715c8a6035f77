import { fieldErrors, KubeObject } from '@drydock/util';
import type { ResourceDefinition, ResourceStrategy } from '../../resource.types';
import { timestampSince } from '../../meta/human-duration';
import { ageColumn, column, nameColumn } from '../../meta/table-columns';
import { isQualifiedName } from '../../meta/validation-messages';
import { keepOldStatus, read, section, text, validateCoreMeta, validateKubeFinalizerName } from '../core-strategy-helpers';

/** SetDefaults_Namespace / the namespace Canonicalize: every named namespace carries its name as a label. */
function setNameLabel(namespace: KubeObject): void {
  if (!namespace.metadata.name) return;
  namespace.metadata.labels = { ...(namespace.metadata.labels ?? {}), 'kubernetes.io/metadata.name': namespace.metadata.name };
}

export const namespaceStrategy: ResourceStrategy = {
  defaults(namespace) {
    setNameLabel(namespace);
    const status = section(namespace, 'status');
    if (!status.phase) status.phase = 'Active';
  },
  prepareForCreate(namespace) {
    namespace.status = { phase: 'Active' };
    const spec = section(namespace, 'spec');
    const finalizers = Array.isArray(spec.finalizers) ? (spec.finalizers as string[]) : [];
    if (!finalizers.includes('kubernetes')) spec.finalizers = [...finalizers, 'kubernetes'];
    setNameLabel(namespace);
  },
  prepareForUpdate(namespace, old) {
    namespace.spec = { ...read(namespace, 'spec'), finalizers: read(old, 'spec').finalizers };
    if (read(old, 'spec').finalizers === undefined) delete (namespace.spec as Record<string, unknown>).finalizers;
    keepOldStatus(namespace, old);
    setNameLabel(namespace);
  },
  validate(namespace) {
    const finalizers = read(namespace, 'spec').finalizers;
    const names = Array.isArray(finalizers) ? finalizers.map(text) : [];
    return [...validateCoreMeta(namespace.metadata), ...names.flatMap((f) => [
      ...isQualifiedName(f).map((msg) => fieldErrors.invalid('spec.finalizers', f, msg)),
      ...validateKubeFinalizerName(f, 'spec.finalizers'),
    ])];
  },
  table: {
    columns: [nameColumn, column('Status', 'The status of the namespace'), ageColumn],
    row: (namespace, ctx) => [namespace.metadata.name ?? '', text(read(namespace, 'status').phase), timestampSince(namespace.metadata.creationTimestamp, ctx.now)],
  },
  selectableFields: (namespace) => ({ 'metadata.name': namespace.metadata.name ?? '', 'status.phase': text(read(namespace, 'status').phase) }),
};

export const namespaceResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Namespace',
  resource: 'namespaces',
  singular: 'namespace',
  namespaced: false,
  shortNames: ['ns'],
  nameValidation: 'label',
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  model: 'io.k8s.api.core.v1.Namespace',
  subresources: { status: true, extra: [{ name: 'finalize', kind: 'Namespace', verbs: ['update'] }] },
  strategy: namespaceStrategy,
};
