import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { bindingQuery, CLAIM_STORAGE, roleBindingsQuery, SECRET_REVEAL, SERVICE_RELATIONS, usedByQuery } from './kind-extra-queries';

describe("the kind pages' documents", () => {
  it('are valid against the generated schema of the built-in kinds', () => {
    const schema = buildSchema(readFileSync(join(__dirname, '../../../../../libs/apiserver/graphql/kinds-schema.graphql'), 'utf8'));
    const documents = [SERVICE_RELATIONS, CLAIM_STORAGE, SECRET_REVEAL, usedByQuery('coreV1ConfigMap'), usedByQuery('coreV1Secret'), usedByQuery('coreV1PersistentVolumeClaim'), bindingQuery('rbacV1RoleBinding', true), bindingQuery('rbacV1ClusterRoleBinding', false), roleBindingsQuery('rbacV1Role'), roleBindingsQuery('rbacV1ClusterRole')];
    expect(documents.map((document) => validate(schema, parse(document)).map((error) => error.message))).toEqual(documents.map(() => []));
  });
});
