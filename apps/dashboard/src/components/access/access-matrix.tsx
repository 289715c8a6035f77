import type { AccessRulesQuery } from '@/lib/graphql-types.generated';
import { MATRIX_VERBS, rulesMatrix } from './access-matrix-model';

type Review = AccessRulesQuery['accessRules'];

/** The rules review as a table: resources down, verbs across, a check where a rule allows it. */
export function AccessMatrix({ review }: { review: Review }) {
  const rows = rulesMatrix(review.resourceRules);
  return (
    <div className="space-y-3">
      {review.incomplete && (
        <p role="note" className="text-sm text-amber-800 dark:text-amber-300">
          The rules review is incomplete{review.evaluationError ? `: ${review.evaluationError}` : ''}. You may be allowed more than this shows.
        </p>
      )}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table data-testid="access-matrix" className="w-full text-sm">
          <caption className="sr-only">Verbs allowed per resource in {review.namespace}</caption>
          <thead className="bg-slate-50 text-left text-xs text-slate-500 uppercase dark:bg-slate-800/60">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                Resource
              </th>
              {MATRIX_VERBS.map((verb) => (
                <th key={verb} scope="col" className="px-2 py-2 text-center font-medium">
                  {verb}
                </th>
              ))}
              <th scope="col" className="px-3 py-2 font-medium">
                Other
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {rows.map((row) => (
              <tr key={`${row.resource}|${row.resourceNames.join(',')}`}>
                <th scope="row" className="px-3 py-1.5 text-left font-mono text-xs font-normal">
                  {row.resource}
                  {row.resourceNames.length > 0 && <span className="ml-1 text-slate-500">(only {row.resourceNames.join(', ')})</span>}
                </th>
                {MATRIX_VERBS.map((verb) => (
                  <td key={verb} className="px-2 py-1.5 text-center">
                    {row.verbs.has(verb) ? (
                      <span aria-label="allowed" className="text-emerald-600 dark:text-emerald-400">
                        ✓
                      </span>
                    ) : (
                      <span aria-label="not allowed" className="text-slate-300 dark:text-slate-600">
                        –
                      </span>
                    )}
                  </td>
                ))}
                <td className="px-3 py-1.5 font-mono text-xs text-slate-500">{row.otherVerbs.join(' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {review.nonResourceRules.length > 0 && (
        <details className="text-sm text-slate-600 dark:text-slate-400">
          <summary className="cursor-pointer">Non-resource URLs</summary>
          <ul className="mt-1 space-y-0.5 font-mono text-xs">
            {review.nonResourceRules.map((rule, index) => (
              <li key={index}>
                {rule.verbs.join(', ')} {rule.nonResourceURLs.join(' ')}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
