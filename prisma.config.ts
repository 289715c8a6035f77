// Prisma's CLI configuration (Prisma 7 reads the datasource and the migrations folder here, not in
// schema.prisma). Only `prisma generate` runs in this project: migrations are applied by
// libs/apiserver/storage/src/migrator.ts, and the client gets its connection from @prisma/adapter-pg.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost/drydock' },
});
