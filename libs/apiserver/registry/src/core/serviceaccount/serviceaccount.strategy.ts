import type { ResourceDefinition, ResourceStrategy } from '../../resource.types';
import { timestampSince } from '../../meta/human-duration';
import { ageColumn, column, nameColumn } from '../../meta/table-columns';
import { list, validateCoreMeta } from '../core-strategy-helpers';
import { fieldDescriptions } from '../field-descriptions';

export const serviceAccountStrategy: ResourceStrategy = {
  validate: (serviceAccount) => validateCoreMeta(serviceAccount.metadata),
  table: {
    columns: [
      nameColumn,
      column('Secrets', fieldDescriptions['ServiceAccount.secrets']),
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
