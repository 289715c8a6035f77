import { readFileSync } from 'node:fs';
import { apiCoveragePath, withGeneratedTable } from './generate-api-coverage';

describe('docs/api-coverage.md', () => {
  it('lists every resource the registry serves as the generator writes it (run npm run generate:api-coverage)', () => {
    const doc = readFileSync(apiCoveragePath, 'utf8');
    expect(doc).toBe(withGeneratedTable(doc));
  });

  it('keeps the hand-written prose around the table', () => {
    const doc = readFileSync(apiCoveragePath, 'utf8');
    const stale = doc.replace(/^\| v1 \| configmaps .*$/m, '| v1 | configmaps | ConfigMap | stale |');
    const regenerated = withGeneratedTable(stale);
    expect(regenerated).toBe(doc);
    expect(withGeneratedTable('# prose\n\n' + doc.slice(doc.indexOf('| Group/Version')))).toMatch(/^# prose\n\n\| Group\/Version/);
  });
});
