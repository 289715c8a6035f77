/**
 * Writes libs/apiserver/graphql/schema.graphql from the code-first resolvers, so the committed schema
 * is the one the API server serves: `node -r @swc-node/register tools/generate-graphql-schema.ts`.
 * A unit test (graphql-schema.printer.spec.ts) fails when the committed file is stale.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { printGraphqlSchema, SCHEMA_FILE } from '../libs/apiserver/graphql/src/graphql-schema.printer';

void printGraphqlSchema().then((sdl) => {
  writeFileSync(SCHEMA_FILE, sdl);
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
});
