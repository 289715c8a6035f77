'use client';
import { useState } from 'react';
import { useQuery } from '@/lib/graphql';
import type { NodeYamlQuery, NodeYamlQueryVariables } from '@/lib/graphql-types.generated';
import { ErrorState, Loading } from '@/components/ui/states';

const YAML_QUERY = /* GraphQL */ `query NodeYaml($name: String!) { node(name: $name) { yaml } }`;

/** The node's manifest as YAML, read when opened (and again on Refresh). */
export function NodeYaml({ name }: { name: string }) {
  const [open, setOpen] = useState(false);
  const yaml = useQuery<NodeYamlQuery, NodeYamlQueryVariables>(YAML_QUERY, { name }, { skip: !open });
  return (
    <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)} className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <summary className="cursor-pointer px-4 py-3 font-semibold">YAML</summary>
      <div className="border-t border-slate-200 p-3 dark:border-slate-800">
        {yaml.loading && !yaml.data ? (
          <Loading />
        ) : yaml.error ? (
          <ErrorState error={yaml.error} />
        ) : (
          <>
            <div className="mb-2 flex gap-2">
              <button type="button" onClick={() => void yaml.refetch()} className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800">
                Refresh
              </button>
              <button type="button" onClick={() => void navigator.clipboard?.writeText(yaml.data?.node?.yaml ?? '')} className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800">
                Copy
              </button>
            </div>
            <pre data-testid="yaml" className="max-h-[32rem] overflow-auto rounded bg-slate-50 p-3 font-mono text-xs dark:bg-slate-950">
              {yaml.data?.node?.yaml}
            </pre>
          </>
        )}
      </div>
    </details>
  );
}
