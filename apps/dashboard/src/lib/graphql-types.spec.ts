import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// graphql-types.generated.ts must be what GraphQL Code Generator makes of the committed schema and the
// dashboard's /* GraphQL */ documents today. The generator runs in its own Node process (its packages are
// ES modules, which Jest's module sandbox does not load).
const root = join(__dirname, '..', '..', '..', '..');
const generator = join(root, 'tools', 'generate-graphql-types.mjs');

function check(...args: string[]) {
  return spawnSync(process.execPath, [generator, '--check', ...args], { cwd: root, encoding: 'utf8' });
}

describe('the generated GraphQL types', () => {
  it('match the committed schema and the dashboard operations (else run `npm run generate:graphql-types`)', () => {
    const result = check();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('are reported stale when the schema changes a field the dashboard reads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'graphql-types-'));
    try {
      const schema = join(dir, 'schema.graphql');
      copyFileSync(join(root, 'libs/apiserver/graphql/schema.graphql'), schema);
      const changed = readFileSync(schema, 'utf8').replace(/^(\s+restarts: )Int!$/m, '$1String!');
      expect(changed).not.toBe(readFileSync(schema, 'utf8'));
      writeFileSync(schema, changed);
      const result = check('--schema', schema);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('graphql-types.generated.ts is stale');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
