'use client';
import { useState } from 'react';
import { gql, GraphQLRequestError } from '@/lib/graphql';
import { ErrorState } from '@/components/ui/states';
import { ExtraSection } from './extra-section';
import { SECRET_REVEAL } from './kind-extra-queries';

const HIDDEN = '••••••••';

/** base64 → text (UTF-8), or a note for bytes that are not text. */
function decoded(value: string): string {
  try {
    const bytes = Uint8Array.from(atob(value), (char) => char.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return `(${Math.floor((value.length * 3) / 4)} bytes, not text)`;
  }
}

/**
 * A Secret's keys with their values hidden (the page's read of the Secret came without them: kindObject's
 * hideSecretValues). Reveal is a request of its own, the SecretReveal operation: a `get` of the Secret as the
 * signed-in user, which the audit log records with the Secret's name and `(operation SecretReveal)` in its user
 * agent, never the values. The decoded values show until Hide.
 */
export function SecretData({ namespace, name, keys }: { namespace: string; name: string; keys: string[] }) {
  const [values, setValues] = useState<Record<string, string>>();
  const [error, setError] = useState<GraphQLRequestError>();
  const reveal = async () => {
    setError(undefined);
    try {
      const result = await gql<{ object: { data: Record<string, string> | null } | null }>(SECRET_REVEAL, { namespace, name });
      setValues(Object.fromEntries(Object.entries(result.object?.data ?? {}).map(([key, value]) => [key, decoded(value)])));
    } catch (e) {
      setError(e instanceof GraphQLRequestError ? e : new GraphQLRequestError(String(e)));
    }
  };
  return (
    <ExtraSection title="Data" testId="secret-data" note="the page read the Secret without its values; Reveal reads them as you, a read the audit log records (operation SecretReveal)">
      <div className="mb-2 flex justify-end">
        {values ? (
          <button type="button" onClick={() => setValues(undefined)} className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800">
            Hide values
          </button>
        ) : (
          <button type="button" onClick={() => void reveal()} className="rounded-md border border-amber-500 px-3 py-1 text-sm font-medium text-amber-800 hover:bg-amber-50 dark:text-amber-300 dark:hover:bg-amber-950">
            Reveal values
          </button>
        )}
      </div>
      {error && <ErrorState error={error} title="The API server refused the reveal" />}
      {keys.length === 0 ? (
        <p className="text-slate-500">No data.</p>
      ) : (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
          {keys.map((key) => (
            <div key={key} className="contents">
              <dt className="font-mono text-xs text-slate-500">{key}</dt>
              <dd className="font-mono text-xs break-all whitespace-pre-wrap" data-key={key}>
                {values ? (values[key] ?? '') : HIDDEN}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </ExtraSection>
  );
}
