import { fieldErrors, isPlainObject } from '@drydock/util';
import type { ResourceStrategy } from '../../resource.types';
import { timestampSince } from '../../meta/human-duration';
import { base64Size, maxDataSize, utf8Size, validateDataKeys, validateImmutableData } from '../data-validation';
import { fieldDescriptions } from '../field-descriptions';
import { ageColumn, column, nameColumn } from '../../support/table-columns';
import { validateCoreMeta } from '../../support/object-meta-fields';

/** ValidateConfigMap: config keys, no key in both data and binaryData, 1 MiB in total. */
function validateConfigMap(data: unknown, binaryData: unknown) {
  const text = validateDataKeys(data, 'data', utf8Size);
  const binary = validateDataKeys(binaryData, 'binaryData', base64Size);
  const errors = [...text.errors];
  const dataKeys = isPlainObject(data) ? Object.keys(data) : [];
  const binaryKeys = isPlainObject(binaryData) ? Object.keys(binaryData) : [];
  for (const key of dataKeys.filter((k) => binaryKeys.includes(k))) errors.push(fieldErrors.invalid(`data[${key}]`, key, 'duplicate of key present in binaryData'));
  errors.push(...binary.errors);
  for (const key of binaryKeys.filter((k) => dataKeys.includes(k))) errors.push(fieldErrors.invalid(`binaryData[${key}]`, key, 'duplicate of key present in data'));
  if (text.size + binary.size > maxDataSize) errors.push(fieldErrors.tooLong('', '', maxDataSize));
  return errors;
}

export const configMapStrategy: ResourceStrategy = {
  validate: (configMap) => [...validateCoreMeta(configMap.metadata), ...validateConfigMap(configMap.data, configMap.binaryData)],
  validateUpdate: (configMap, old) => validateImmutableData(configMap, old, ['data', 'binaryData']),
  table: {
    columns: [
      nameColumn,
      column('Data', 'string', fieldDescriptions['ConfigMap.data']),
      ageColumn,
    ],
    row: (configMap, ctx) => [
      configMap.metadata.name ?? '',
      (isPlainObject(configMap.data) ? Object.keys(configMap.data).length : 0) + (isPlainObject(configMap.binaryData) ? Object.keys(configMap.binaryData).length : 0),
      timestampSince(configMap.metadata.creationTimestamp, ctx.now),
    ],
  },
};
