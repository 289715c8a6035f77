import { isPlainObject } from '@drydock/util';
import type { ResourceDefinition, ResourceStrategy } from '../../resource.types';
import { fieldImmutable } from '../../meta/field-validation';
import { timestampSince } from '../../meta/human-duration';
import { ageColumn, column, nameColumn } from '../../meta/table-columns';
import { objectMetaFields, text, validateCoreMeta } from '../core-strategy-helpers';
import { validateImmutableData } from '../data-validation';
import { assertBase64Data, validateSecret } from './secret-validation';
import { fieldDescriptions } from '../field-descriptions';

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
      column('Type', fieldDescriptions['Secret.type']),
      column('Data', fieldDescriptions['Secret.data']),
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

export const secretResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Secret',
  resource: 'secrets',
  singular: 'secret',
  namespaced: true,
  model: 'io.k8s.api.core.v1.Secret',
  strategy: secretStrategy,
};

