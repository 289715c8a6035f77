import { StatusBadge } from './status-badge';
import type { ConditionFieldsFragment } from '@/lib/graphql-types.generated';
import { Age } from './age';

export type ConditionRow = ConditionFieldsFragment;

export const CONDITION_FIELDS = /* GraphQL */ `fragment ConditionFields on Condition { type status reason message lastTransitionTime }`;

/** A Kubernetes object's status conditions (pods, nodes, workloads). */
export function ConditionsTable({ conditions }: { conditions: ConditionRow[] }) {
  if (!conditions.length) return <p className="text-sm text-slate-500">No conditions reported yet.</p>;
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-xs text-slate-500 uppercase">
        <tr>
          <th className="py-1 pr-3 font-medium">Type</th>
          <th className="py-1 pr-3 font-medium">Status</th>
          <th className="py-1 pr-3 font-medium">Reason</th>
          <th className="py-1 pr-3 font-medium">Message</th>
          <th className="py-1 font-medium">Since</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
        {conditions.map((c) => (
          <tr key={c.type}>
            <td className="py-1.5 pr-3 font-medium">{c.type}</td>
            <td className="py-1.5 pr-3">
              <StatusBadge status={c.status} tone={c.status === 'True' ? (/(Failure|Pressure|Unavailable)/.test(c.type) ? 'error' : 'ok') : c.status === 'False' ? (/(Failure|Pressure|Unavailable)/.test(c.type) ? 'ok' : 'warning') : 'neutral'} />
            </td>
            <td className="py-1.5 pr-3 text-slate-600 dark:text-slate-400">{c.reason ?? ''}</td>
            <td className="py-1.5 pr-3 break-words text-slate-600 dark:text-slate-400">{c.message ?? ''}</td>
            <td className="py-1.5 text-slate-500">
              <Age timestamp={c.lastTransitionTime} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
