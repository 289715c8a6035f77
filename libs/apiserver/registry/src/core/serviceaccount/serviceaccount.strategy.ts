import type { ResourceStrategy } from '../../resource.types';
import { timestampSince } from '../../meta/human-duration';
import { fieldDescriptions } from '../field-descriptions';
import { records } from '../../support/object-fields';
import { validateCoreMeta } from '../../support/object-meta-fields';
import { ageColumn, column, nameColumn } from '../../support/table-columns';

export const serviceAccountStrategy: ResourceStrategy = {
  validate: (serviceAccount) => validateCoreMeta(serviceAccount.metadata),
  table: {
    columns: [
      nameColumn,
      column('Secrets', 'string', fieldDescriptions['ServiceAccount.secrets']),
      ageColumn,
    ],
    row: (serviceAccount, ctx) => [serviceAccount.metadata.name ?? '', records(serviceAccount.secrets).length, timestampSince(serviceAccount.metadata.creationTimestamp, ctx.now)],
  },
};
