/**
 * Writes the Resources table of docs/api-coverage.md from the resource registry, so the table can never
 * drift from what the server serves: `npm run generate:api-coverage`. The rest of the document is
 * written by hand. A unit test (generate-api-coverage.spec.ts) fails while the table is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allVerbs, builtinResources } from '@drydock/registry';

const rows = builtinResources().map((def) => {
  const subresources = [def.subresources?.status && 'status', def.subresources?.scale && 'scale', ...(def.subresources?.extra ?? []).map((e) => e.name)].filter(Boolean).join(', ');
  const columns = def.strategy.table ? def.strategy.table.columns.map((c) => (c.priority ? `${c.name}*` : c.name)).join(', ') : 'Name, Created At (default)';
  return `| ${def.group ? `${def.group}/${def.version}` : def.version} | ${def.resource} | ${def.kind} | ${def.namespaced ? 'yes' : 'no'} | ${(def.shortNames ?? []).join(', ')} | ${(def.categories ?? []).join(', ')} | ${subresources} | ${(def.verbs ?? allVerbs).length === 8 ? 'all' : (def.verbs ?? []).join(', ')} | ${columns} |`;
});

/** The table's header, the first line the generator owns; it owns every `|` line after it. */
const HEADER = '| Group/Version | Resource | Kind | Namespaced | Short names | Categories | Subresources | Verbs | Table columns |';

/** docs/api-coverage.md with its Resources table replaced by the registry's; the prose around it is written by hand. */
export function withGeneratedTable(doc: string): string {
  const lines = doc.split('\n');
  const start = lines.indexOf(HEADER);
  if (start < 0) throw new Error(`docs/api-coverage.md has no Resources table (its header line: ${HEADER})`);
  let end = start + 1;
  while (end < lines.length && lines[end].startsWith('|')) end++;
  return [...lines.slice(0, start), HEADER, '| --- | --- | --- | --- | --- | --- | --- | --- | --- |', ...rows, ...lines.slice(end)].join('\n');
}

export const apiCoveragePath = join(__dirname, '..', 'docs', 'api-coverage.md');

if (require.main === module) {
  writeFileSync(apiCoveragePath, withGeneratedTable(readFileSync(apiCoveragePath, 'utf8')));
  console.log(`wrote the Resources table of docs/api-coverage.md (${rows.length} resources)`);
}
