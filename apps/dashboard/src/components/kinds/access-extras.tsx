'use client';
import Link from 'next/link';
import { useQuery } from '@/lib/graphql';
import { type Column, DataTable, linkClass } from '@/components/ui/data-table';
import { ErrorState, Loading } from '@/components/ui/states';
import { ExtraSection } from './extra-section';
import { bindingQuery, roleBindingsQuery } from './kind-extra-queries';
import { objectHref } from './kind-paths';

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
  return <DataTable look="plain" testId="rules-table" columns={ruleColumns} rows={rules} rowKey={(_rule, index) => String(index)} rowProps={() => ({ className: 'align-top' })} />;
}

const ruleColumns: Column<PolicyRule>[] = [
  { header: 'Resources', cell: (rule) => ruleResources(rule).join(', '), className: 'font-mono text-xs' },
  { header: 'Resource names', cell: (rule) => (rule.resourceNames ?? []).join(', ') || '—', className: 'font-mono text-xs' },
  { header: 'Verbs', cell: (rule) => (rule.verbs ?? []).join(', '), className: 'font-mono text-xs' },
];

/** The rules of a Role or ClusterRole, and the bindings that grant it to whom. */
export function RoleExtras({ getField, namespace, name, rules }: { getField: 'rbacV1Role' | 'rbacV1ClusterRole'; namespace?: string; name: string; rules: PolicyRule[] }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <ExtraSection title="What it allows" testId="role-rules">
        <RulesTable rules={rules} />
      </ExtraSection>
      <RoleBindings getField={getField} namespace={namespace} name={name} />
    </div>
  );
}

interface GrantingBinding {
  kind?: string | null;
  metadata?: { name?: string | null; namespace?: string | null } | null;
  subjects?: Subject[] | null;
}

const bindingKinds: Record<string, { group: string; version: string; resource: string }> = {
  RoleBinding: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'rolebindings' },
  ClusterRoleBinding: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterrolebindings' },
};

const subjectText = (subject: Subject) => `${subject.kind} ${subject.namespace ? `${subject.namespace}/` : ''}${subject.name}`;

const grantingColumns: Column<GrantingBinding>[] = [
  {
    header: 'Binding',
    cell: (binding) => (
      <Link href={objectHref(bindingKinds[binding.kind ?? 'RoleBinding'], binding.metadata?.name ?? '', binding.metadata?.namespace)} className={linkClass}>
        {binding.kind}/{binding.metadata?.name}
      </Link>
    ),
  },
  { header: 'Where', cell: (binding) => (binding.metadata?.namespace ? `namespace ${binding.metadata.namespace}` : 'every namespace') },
  { header: 'Subjects', cell: (binding) => (binding.subjects ?? []).map(subjectText).join(', ') || '—' },
];

/** Who holds a role: the RoleBindings and ClusterRoleBindings whose roleRef names it (the generated `bindings` relation, as the signed-in user). */
function RoleBindings({ getField, namespace, name }: { getField: 'rbacV1Role' | 'rbacV1ClusterRole'; namespace?: string; name: string }) {
  const { data, error, loading } = useQuery<{ object: { bindings: GrantingBinding[] | null } | null }>(roleBindingsQuery(getField), namespace ? { namespace, name } : { name });
  const bindings = data?.object?.bindings ?? [];
  return (
    <ExtraSection title="Granted by" testId="role-bindings" note={getField === 'rbacV1Role' ? `RoleBindings of namespace ${namespace} naming this Role` : 'ClusterRoleBindings, and RoleBindings of any namespace, naming this ClusterRole'}>
      {loading && !data ? (
        <Loading />
      ) : error ? (
        <ErrorState error={error} title="Bindings" />
      ) : bindings.length === 0 ? (
        <p className="text-slate-500">No binding grants it: it gives nobody anything.</p>
      ) : (
        <DataTable look="plain" columns={grantingColumns} rows={bindings} rowKey={(binding) => `${binding.kind}/${binding.metadata?.namespace ?? ''}/${binding.metadata?.name}`} rowProps={(binding) => ({ 'data-binding': `${binding.kind}/${binding.metadata?.name}` })} />
      )}
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
                <span className="font-medium">{subjectText(subject)}</span>{' '}
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
