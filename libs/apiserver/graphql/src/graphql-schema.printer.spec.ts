import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, GraphQLSchema, isEnumType, isInputObjectType, isObjectType } from 'graphql';
import type { OpenApiResource } from '@drydock/openapi';
import { builtinResources } from '@drydock/registry';
import { KINDS_SCHEMA_FILE, printGraphqlSchema, printKindsSchema, SCHEMA_FILE } from './graphql-schema.printer';

describe('the generated GraphQL schema', () => {
  let printed: string;
  let schema: GraphQLSchema;
  beforeAll(async () => {
    printed = await printGraphqlSchema();
    schema = buildSchema(printed);
  }, 60_000);

  it('is the committed schema.graphql (run `npm run generate:graphql-schema` when this fails)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printed);
  });

  it('has its generated part for the built-in kinds committed as kinds-schema.graphql (run `npm run generate:graphql-schema` when this fails)', () => {
    const kinds = printKindsSchema(builtinResources() as OpenApiResource[]);
    // Compared as a boolean: a failing toBe would print both files (megabytes) in full.
    const committed = readFileSync(KINDS_SCHEMA_FILE, 'utf8');
    const firstDifference = [...kinds].findIndex((char, index) => char !== committed[index]);
    expect({ same: committed === kinds, around: committed === kinds ? '' : kinds.slice(Math.max(0, firstDifference - 200), firstDifference + 200) }).toEqual({ same: true, around: '' });
    expect(kinds).toContain('type AppsV1Deployment implements KubeObject');
    expect(kinds).toContain('replaceAppsV1Deployment(');
  });

  it('keeps every type, field, argument and enum value of the dashboard contract, with the same types', () => {
    const contract = buildSchema(readFileSync(join(__dirname, '..', 'contract', 'dashboard-contract.graphql'), 'utf8'));
    const missing: string[] = [];
    for (const type of Object.values(contract.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      const ours = schema.getType(type.name);
      if (!ours) {
        missing.push(`type ${type.name}`);
        continue;
      }
      if (isObjectType(type) || isInputObjectType(type)) {
        const ourFields = (ours as typeof type).getFields();
        for (const field of Object.values(type.getFields())) {
          const mine = ourFields[field.name];
          if (!mine) missing.push(`${type.name}.${field.name}`);
          else if (String(mine.type) !== String(field.type)) missing.push(`${type.name}.${field.name}: ${mine.type} instead of ${field.type}`);
          if (!('args' in field) || !mine || !('args' in mine)) continue;
          for (const arg of field.args) {
            const ourArg = mine.args.find((a) => a.name === arg.name);
            if (!ourArg) missing.push(`${type.name}.${field.name}(${arg.name})`);
            else if (String(ourArg.type) !== String(arg.type) || JSON.stringify(ourArg.defaultValue) !== JSON.stringify(arg.defaultValue)) missing.push(`${type.name}.${field.name}(${arg.name}: ${ourArg.type} = ${JSON.stringify(ourArg.defaultValue)}) instead of ${arg.type} = ${JSON.stringify(arg.defaultValue)}`);
          }
          const required = mine && 'args' in mine ? mine.args.filter((a) => String(a.type).endsWith('!') && a.defaultValue === undefined && !field.args.some((c: { name: string }) => c.name === a.name)) : [];
          for (const extra of required) missing.push(`${type.name}.${field.name}(${extra.name}) is a new required argument`);
        }
      }
      if (isEnumType(type)) {
        const values = new Set((ours as typeof type).getValues().map((v) => v.name));
        for (const value of type.getValues()) if (!values.has(value.name)) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
