import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import type { OpenApiResource } from '@drydock/openapi';
import { GRAPHQL_RESOLVERS } from './graphql.providers';
import { buildKindsSchema } from './kinds/kinds-schema.builder';

/** Where the generated schema is committed, for reviewers and the dashboard (STYLE.md 13). */
export const SCHEMA_FILE = join(__dirname, '..', 'schema.graphql');

/** Where the generated part for the built-in kinds is committed: every type and root field a change to the builder or the models moves. */
export const KINDS_SCHEMA_FILE = join(__dirname, '..', 'kinds-schema.graphql');

const HEADER = '# Generated from the code-first resolvers of @drydock/graphql by tools/generate-graphql-schema.ts; do not edit.\n\n';
const KINDS_HEADER =
  "# Generated from the registry's built-in kinds by tools/generate-graphql-schema.ts (kinds-schema.builder); do not edit.\n" +
  '# /graphql serves this beside schema.graphql (the dashboard\'s), plus the kinds of every established CRD.\n\n';

/** The schema the API server serves, as SDL (sorted, as the server builds it). */
export async function printGraphqlSchema(): Promise<string> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  try {
    await app.init();
    const schema = await app.get(GraphQLSchemaFactory).create(GRAPHQL_RESOLVERS);
    return HEADER + printSchema(lexicographicSortSchema(schema)) + '\n';
  } finally {
    await app.close();
  }
}

/** The generated part of the schema for `resources` (the API server's built-in kinds: no CRD), as SDL, sorted. */
export function printKindsSchema(resources: OpenApiResource[]): string {
  return KINDS_HEADER + printSchema(lexicographicSortSchema(buildKindsSchema(resources))) + '\n';
}
