/**
 * Writes libs/apiserver/graphql/schema.graphql from the code-first resolvers, so the committed schema
 * is the one the API server serves, and libs/apiserver/graphql/kinds-schema.graphql, the part generated
 * for the built-in kinds: `npm run generate:graphql-schema`. A unit test (graphql-schema.printer.spec.ts)
 * fails when either committed file is stale.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { builtinResources } from '@drydock/registry';
import type { OpenApiResource } from '@drydock/openapi';
import { KINDS_SCHEMA_FILE, printGraphqlSchema, printKindsSchema, SCHEMA_FILE } from '../libs/apiserver/graphql/src/graphql-schema.printer';

void printGraphqlSchema().then((sdl) => {
  writeFileSync(SCHEMA_FILE, sdl);
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
  writeFileSync(KINDS_SCHEMA_FILE, printKindsSchema(builtinResources() as OpenApiResource[]));
  process.stdout.write(`wrote ${KINDS_SCHEMA_FILE}\n`);
});
