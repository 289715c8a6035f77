'use client';
import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery } from '@/lib/graphql';
import type { ApplyManifestsMutation, ApplyManifestsMutationVariables, ApplyNamespacesQuery } from '@/lib/graphql-types.generated';
import { ErrorState, Loading } from '@/components/ui/states';
import { ApplyResults, type ApplyResult } from './apply-results';
import { EXAMPLES } from './example-manifests';
import { checkManifests } from './yaml-check';
import { YamlEditor } from './yaml-editor';

const APPLY = /* GraphQL */ `mutation ApplyManifests($yaml: String!, $dryRun: Boolean, $namespace: String) {
  applyManifests(yaml: $yaml, dryRun: $dryRun, namespace: $namespace) { dryRun ok results { index apiVersion kind namespace name action error diff } }
}`;
const DRAFT_KEY = 'drydock-apply-draft';
const button = 'rounded-md px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50';

/** Edit manifests, preview them with a server dry run (per-object actions and diffs), then apply. */
export function ApplyWorkbench() {
  const [text, setText] = useState(EXAMPLES[0].yaml);
  const [namespace, setNamespace] = useState('default');
  const [result, setResult] = useState<{ value: ApplyResult; text: string; namespace: string }>();
  const [validation, setValidation] = useState<string>();
  const apply = useMutation<ApplyManifestsMutation, ApplyManifestsMutationVariables>(APPLY);
  const namespaces = useQuery<ApplyNamespacesQuery>(/* GraphQL */ `query ApplyNamespaces { namespaces { name } }`);
  const check = useMemo(() => checkManifests(text), [text]);
  const errors = check.problems.filter((p) => p.severity === 'error');

  useEffect(() => {
    const draft = window.localStorage.getItem(DRAFT_KEY);
    if (draft) setText(draft);
  }, []);
  useEffect(() => {
    const timer = setTimeout(() => window.localStorage.setItem(DRAFT_KEY, text), 500);
    return () => clearTimeout(timer);
  }, [text]);

  const run = async (dryRun: boolean) => {
    setValidation(undefined);
    if (errors.length > 0) {
      setValidation(`Fix the YAML first (nothing was sent): ${errors.map((e) => (e.line ? `line ${e.line}: ${e.message}` : e.message)).join('; ')}`);
      return;
    }
    const data = await apply.run({ yaml: text, dryRun, namespace });
    if (data) setResult({ value: data.applyManifests, text, namespace });
  };

  const previewed = result?.value.dryRun && result.text === text && result.namespace === namespace && result.value.ok;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-xs text-slate-500">
          Example
          <select
            aria-label="Load an example"
            value=""
            onChange={(e) => {
              const example = EXAMPLES.find((x) => x.id === e.target.value);
              if (example) {
                setText(example.yaml);
                setResult(undefined);
              }
            }}
            className="w-72 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900"
          >
            <option value="">Load an example…</option>
            {EXAMPLES.map((x) => (
              <option key={x.id} value={x.id} title={x.description}>
                {x.title}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs text-slate-500">
          Default namespace
          <select value={namespace} onChange={(e) => setNamespace(e.target.value)} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900">
            {(namespaces.data?.namespaces.map((n) => n.name) ?? ['default']).map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <p className="pb-2 text-xs text-slate-500">
          {errors.length > 0 && <span className="text-red-700 dark:text-red-400">{errors.length} YAML {errors.length === 1 ? 'error' : 'errors'} · </span>}
          {check.manifests.length} {check.manifests.length === 1 ? 'document' : 'documents'}
          {check.manifests.length > 0 && `: ${check.manifests.map((m) => `${m.kind ?? '?'} ${m.name ?? ''}`.trim()).join(', ')}`}
        </p>
        <div className="ml-auto flex gap-2">
          <button type="button" onClick={() => void run(true)} disabled={apply.pending} title="Server dry run (Ctrl+Enter in the editor)" className={`${button} border border-sky-600 text-sky-700 hover:bg-sky-50 dark:text-sky-300 dark:hover:bg-sky-950`}>
            Preview
          </button>
          <button type="button" onClick={() => void run(false)} disabled={apply.pending} className={`${button} bg-sky-600 text-white hover:bg-sky-700`} title={previewed ? 'Apply what the preview showed' : 'Apply without a preview'}>
            Apply
          </button>
        </div>
      </div>
      <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <div className="min-w-0 space-y-2">
          <YamlEditor value={text} onChange={setText} onSubmit={() => void run(true)} />
          {check.problems.length > 0 && (
            <ul className="space-y-1 text-sm" aria-label="YAML problems" data-testid="yaml-problems">
              {check.problems.map((p, i) => (
                <li key={i} className={p.severity === 'error' ? 'text-red-700 dark:text-red-400' : 'text-amber-700 dark:text-amber-400'}>
                  {p.severity === 'error' ? '✖' : '▲'} {p.line ? `Line ${p.line}${p.column ? `, column ${p.column}` : ''}: ` : ''}
                  {p.message}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="min-w-0 space-y-3">
          {validation && <ErrorState error={validation} title="The YAML is not valid" />}
          {apply.error && <ErrorState error={apply.error} title="The API server refused the request" />}
          {apply.pending && <Loading label="Asking the API server…" />}
          {result && !apply.pending && <ApplyResults result={result.value} stale={result.text !== text || result.namespace !== namespace} />}
          {!result && !apply.pending && !apply.error && !validation && (
            <div className="rounded-lg border border-dashed border-slate-300 p-6 text-sm text-slate-500 dark:border-slate-700">
              <p className="font-medium text-slate-700 dark:text-slate-300">Preview first</p>
              <p className="mt-1">
                <strong>Preview</strong> sends the YAML as a server-side dry run: every object is validated and defaulted by the API server, and you see whether it would be created, configured or left unchanged, with the diff against the live object. Nothing changes until you press <strong>Apply</strong>. Objects without a namespace go to “{namespace}”.
              </p>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
