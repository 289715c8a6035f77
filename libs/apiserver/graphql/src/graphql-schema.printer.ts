import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { GRAPHQL_RESOLVERS } from './graphql.providers';

/** Where the generated schema is committed, for reviewers and the dashboard (STYLE.md 13). */
export const SCHEMA_FILE = join(__dirname, '..', 'schema.graphql');

const HEADER = '# Generated from the code-first resolvers of @drydock/graphql by tools/generate-graphql-schema.ts; do not edit.\n\n';

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
