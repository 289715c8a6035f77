import { parseAllDocuments } from 'yaml';

/** A problem found in the browser before anything is sent: YAML syntax, or a document that is not an object manifest. */
export interface YamlProblem {
  severity: 'error' | 'warning';
  message: string;
  line?: number;
  column?: number;
  from: number;
  to: number;
}
export interface ManifestSummary {
  index: number;
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
}

/** Parses every document; syntax errors are errors, documents without apiVersion/kind/metadata.name are warnings. */
export function checkManifests(text: string): { problems: YamlProblem[]; manifests: ManifestSummary[] } {
  const problems: YamlProblem[] = [];
  const manifests: ManifestSummary[] = [];
  let documents;
  try {
    documents = parseAllDocuments(text);
  } catch (error) {
    return { problems: [{ severity: 'error', message: error instanceof Error ? error.message : String(error), from: 0, to: 0 }], manifests };
  }
  const list = Array.isArray(documents) ? documents : [];
  for (const document of list) {
    if (document.errors.length > 0) {
      for (const error of document.errors) {
        problems.push({ severity: 'error', message: error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''), line: error.linePos?.[0]?.line, column: error.linePos?.[0]?.col, from: error.pos[0], to: Math.max(error.pos[1], error.pos[0] + 1) });
      }
      continue;
    }
    const value: unknown = document.toJS();
    if (value === null || value === undefined) continue; // an empty document (comments only)
    const start = document.range[0];
    const line = text.slice(0, start).split('\n').length;
    const at = { from: start, to: Math.min(text.length, start + 1), line };
    if (typeof value !== 'object' || Array.isArray(value)) {
      problems.push({ severity: 'error', message: `Document ${manifests.length + 1} is not a mapping (an object manifest with apiVersion and kind)`, ...at });
      continue;
    }
    const object = value as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; generateName?: unknown; namespace?: unknown } };
    const summary: ManifestSummary = {
      index: manifests.length,
      apiVersion: typeof object.apiVersion === 'string' ? object.apiVersion : undefined,
      kind: typeof object.kind === 'string' ? object.kind : undefined,
      name: typeof object.metadata?.name === 'string' ? object.metadata.name : undefined,
      namespace: typeof object.metadata?.namespace === 'string' ? object.metadata.namespace : undefined,
    };
    const missing = [!summary.apiVersion && 'apiVersion', !summary.kind && 'kind', !summary.name && !object.metadata?.generateName && 'metadata.name'].filter(Boolean);
    if (missing.length) problems.push({ severity: 'warning', message: `Document ${summary.index + 1}${summary.kind ? ` (${summary.kind})` : ''} has no ${missing.join(', ')}`, ...at });
    manifests.push(summary);
  }
  if (manifests.length === 0 && problems.length === 0) problems.push({ severity: 'warning', message: 'There is nothing to apply: the editor holds no manifest.', from: 0, to: 0 });
  return { problems, manifests };
}
