// Prints the SQL that creates prisma/schema.prisma from an empty database, as
// `prisma migrate diff --from-empty --to-schema prisma/schema.prisma --script` would, computed by
// Prisma's WebAssembly schema engine (the CLI's `migrate` needs a native engine this project never
// downloads). The engine connects through @prisma/adapter-pg to DATABASE_URL even for this diff, so
// give it any reachable database; nothing is written to it.
//
//   DATABASE_URL=postgresql://... node tools/prisma/schema-sql.mjs [prisma/schema.prisma]
//
// e2e/storage-contract/prisma-schema.spec.ts applies this script to one database and the migrations
// to another, and proves the two catalogs equal.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as engineBindings from '@prisma/schema-engine-wasm/schema_engine_bg';

// The package is built for bundlers (it imports its .wasm as a module): instantiate it by hand.
async function loadSchemaEngine() {
  const wasmFile = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm').replace(/schema_engine\.js$/, 'schema_engine_bg.wasm');
  const { instance } = await WebAssembly.instantiate(readFileSync(wasmFile), { './schema_engine_bg.js': engineBindings });
  engineBindings.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return engineBindings.SchemaEngine;
}

const schemaFile = resolve(process.argv[2] ?? 'prisma/schema.prisma');
const schema = readFileSync(schemaFile, 'utf8');
if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL is required');
const SchemaEngine = await loadSchemaEngine();
const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg(process.env.DATABASE_URL));
const engine = await SchemaEngine.new({ datamodels: [[schemaFile, schema]] }, () => {}, adapter);
const result = await engine.diff({
  from: { tag: 'empty' },
  to: { tag: 'schemaDatamodel', files: [{ path: schemaFile, content: schema }] },
  script: true,
  exitCode: false,
  filters: { externalTables: [], externalEnums: [] },
});
process.stdout.write(result.stdout ?? '');
process.exit(0);
