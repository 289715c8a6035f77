import type { ResourceDefinition, ResourceStrategy } from '../../resource.types';
import { timestampSince } from '../../meta/human-duration';
import { ageColumn, column, nameColumn } from '../../meta/table-columns';
import { list, validateCoreMeta } from '../core-strategy-helpers';

export const serviceAccountStrategy: ResourceStrategy = {
  validate: (serviceAccount) => validateCoreMeta(serviceAccount.metadata),
  table: {
    columns: [
      nameColumn,
      column('Secrets', 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use. Pods are only limited to this list if this service account has a "kubernetes.io/enforce-mountable-secrets" annotation set to "true". The "kubernetes.io/enforce-mountable-secrets" annotation is deprecated since v1.32. Prefer separate namespaces to isolate access to mounted secrets. This field should not be used to find auto-generated service account token secrets for use outside of pods. Instead, tokens can be requested directly using the TokenRequest API, or service account token secrets can be manually created. More info: https://kubernetes.io/docs/concepts/configuration/secret'),
      ageColumn,
    ],
    row: (serviceAccount, ctx) => [serviceAccount.metadata.name ?? '', list(serviceAccount.secrets).length, timestampSince(serviceAccount.metadata.creationTimestamp, ctx.now)],
  },
};

export const serviceAccountResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'ServiceAccount',
  resource: 'serviceaccounts',
  singular: 'serviceaccount',
  namespaced: true,
  shortNames: ['sa'],
  model: 'io.k8s.api.core.v1.ServiceAccount',
  subresources: { extra: [{ name: 'token', group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest', verbs: ['create'] }] },
  strategy: serviceAccountStrategy,
};
