'use client';
import { useQuery } from '@/lib/graphql';
import { ErrorState, Loading } from '@/components/ui/states';
import { ExtraSection } from './extra-section';
import { bindingQuery } from './kind-extra-queries';

export interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
  verbs?: string[];
}
interface Subject {
  kind?: string;
  name?: string;
  namespace?: string;
}

/** `deployments.apps`, `pods/log`, `*` as `kubectl describe role` writes a rule's resources. */
function ruleResources(rule: PolicyRule): string[] {
  if (rule.nonResourceURLs?.length) return rule.nonResourceURLs;
  return (rule.resources ?? []).flatMap((resource) => (rule.apiGroups ?? ['']).map((group) => (group ? `${resource}.${group}` : resource)));
}

/** A Role's or ClusterRole's rules as `kubectl describe role` prints them: resources, resource names, verbs. */
export function RulesTable({ rules }: { rules: PolicyRule[] }) {
  if (rules.length === 0) return <p className="text-slate-500">No rules: it allows nothing.</p>;
  return (
    <table className="min-w-full" data-testid="rules-table">
      <thead className="text-left text-xs text-slate-500 uppercase">
        <tr>
          <th className="py-1 pr-3">Resources</th>
          <th className="py-1 pr-3">Resource names</th>
          <th className="py-1">Verbs</th>
        </tr>
      </thead>
      <tbody>
        {rules.map((rule, index) => (
          <tr key={index} className="align-top">
            <td className="py-1 pr-3 font-mono text-xs">{ruleResources(rule).join(', ')}</td>
            <td className="py-1 pr-3 font-mono text-xs">{(rule.resourceNames ?? []).join(', ') || '—'}</td>
            <td className="py-1 font-mono text-xs">{(rule.verbs ?? []).join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The rules of a Role or ClusterRole. */
export function RoleExtras({ rules }: { rules: PolicyRule[] }) {
  return (
    <ExtraSection title="What it allows" testId="role-rules">
      <RulesTable rules={rules} />
    </ExtraSection>
  );
}

/**
 * Who may do what through a RoleBinding or ClusterRoleBinding: its subjects (with whether each exists as a
 * ServiceAccount, User or Team) and the rules of the role it grants, read through the generated `role` and
 * `subjectObjects` relations as the signed-in user.
 */
export function BindingExtras({ getField, namespace, name, subjects, roleRef }: { getField: string; namespace?: string; name: string; subjects: Subject[]; roleRef?: { kind?: string; name?: string } }) {
  const { data, error, loading } = useQuery<{ object: { role: { raw?: { rules?: PolicyRule[] } } | null; subjectObjects: ({ kind?: string } | null)[] | null } | null }>(bindingQuery(getField, !!namespace), namespace ? { namespace, name } : { name });
  const found = data?.object?.subjectObjects ?? [];
  return (
    <ExtraSection title="Who may do what" testId="binding-access" note={`${roleRef?.kind ?? 'Role'} ${roleRef?.name ?? ''}${namespace ? `, in namespace ${namespace}` : ', in every namespace'}`}>
      {loading && !data ? (
        <Loading />
      ) : error ? (
        <ErrorState error={error} title="Role and subjects" />
      ) : (
        <div className="space-y-3">
          <ul className="space-y-1" data-testid="binding-subjects">
            {subjects.map((subject, index) => (
              <li key={index}>
                <span className="font-medium">
                  {subject.kind} {subject.namespace ? `${subject.namespace}/` : ''}
                  {subject.name}
                </span>{' '}
                <span className="text-xs text-slate-500">{found[index] ? 'exists' : subject.kind === 'ServiceAccount' ? 'no such ServiceAccount' : 'no such object (a name the authenticator may still give)'}</span>
              </li>
            ))}
          </ul>
          {data?.object?.role ? <RulesTable rules={data.object.role.raw?.rules ?? []} /> : <p className="text-amber-700 dark:text-amber-400">The role does not exist: the binding grants nothing.</p>}
        </div>
      )}
    </ExtraSection>
  );
}
