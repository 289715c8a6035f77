import { isPlainObject } from '@drydock/util';
import type { ResourceStrategy } from '../../resource.types';
import { fieldImmutable } from '../../meta/field-validation';
import { timestampSince } from '../../meta/human-duration';
import { validateImmutableData } from '../data-validation';
import { assertBase64Data, validateSecret } from './secret-validation';
import { fieldDescriptions } from '../field-descriptions';
import { text } from '../../support/object-fields';
import { ageColumn, column, nameColumn } from '../../support/table-columns';
import { objectMetaFields, validateCoreMeta } from '../../support/object-meta-fields';

export const secretStrategy: ResourceStrategy = {
  /** SetDefaults_Secret plus the v1 conversion: stringData is merged into data (base64) and dropped. */
  defaults(secret) {
    assertBase64Data(secret);
    if (!secret.type) secret.type = 'Opaque';
    if (isPlainObject(secret.stringData)) {
      const data = isPlainObject(secret.data) ? secret.data : {};
      for (const [key, value] of Object.entries(secret.stringData)) data[key] = Buffer.from(text(value)).toString('base64');
      secret.data = data;
    }
    delete secret.stringData;
  },
  validate: (secret) => [...validateCoreMeta(secret.metadata), ...validateSecret(secret)],
  validateUpdate: (secret, old) => [...fieldImmutable(secret.type, old.type, 'type'), ...validateImmutableData(secret, old, ['data'])],
  table: {
    columns: [
      nameColumn,
      column('Type', 'string', fieldDescriptions['Secret.type']),
      column('Data', 'string', fieldDescriptions['Secret.data']),
      ageColumn,
    ],
    row: (secret, ctx) => [
      secret.metadata.name ?? '',
      text(secret.type),
      isPlainObject(secret.data) ? Object.keys(secret.data).length : 0,
      timestampSince(secret.metadata.creationTimestamp, ctx.now),
    ],
  },
  selectableFields: (secret) => ({ ...objectMetaFields(secret), type: text(secret.type) }),
};
