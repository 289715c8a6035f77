'use client';
import { NamespaceSelect, useUrlParams } from '@/components/ui/list-filters';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { useQuery } from '@/lib/graphql';
import type { AccessRulesQuery, AccessRulesQueryVariables, WhoAmIQuery } from '@/lib/graphql-types.generated';
import { AccessMatrix } from './access-matrix';

const WHO_AM_I = /* GraphQL */ `query WhoAmI { me { name groups canListNamespaces } namespaces { name } }`;
const ACCESS_RULES = /* GraphQL */ `query AccessRules($namespace: String!) { accessRules(namespace: $namespace) { namespace incomplete evaluationError resourceRules { verbs apiGroups resources resourceNames } nonResourceRules { verbs nonResourceURLs } } }`;

/** Who the user is, a namespace picker, and their rules there as a matrix. */
export function AccessView() {
  const [params, setParams] = useUrlParams();
  const who = useQuery<WhoAmIQuery>(WHO_AM_I);
  const namespace = params.get('namespace') || who.data?.namespaces[0]?.name || 'default';
  const rules = useQuery<AccessRulesQuery, AccessRulesQueryVariables>(ACCESS_RULES, { namespace }, { skip: !who.data });
  if (who.error) return <ErrorState error={who.error} />;
  if (!who.data) return <Loading />;
  const { me } = who.data;
  return (
    <div className="space-y-4">
      <section aria-label="Signed in as" className="rounded-lg border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900">
        <p>
          Signed in as <strong data-testid="whoami">{me.name}</strong>
        </p>
        <p className="mt-1 text-slate-500">Groups: {me.groups.join(', ') || 'none'}</p>
        <p className="mt-1 text-slate-500">
          {me.canListNamespaces ? 'You may list every namespace.' : `You may not list namespaces; you can reach ${who.data.namespaces.length === 1 ? 'one namespace' : `${who.data.namespaces.length} namespaces`}: ${who.data.namespaces.map((ns) => ns.name).join(', ') || 'none'}.`}
        </p>
      </section>
      <div className="flex items-center gap-3">
        <NamespaceSelect value={namespace} onChange={(ns) => setParams({ namespace: ns })} />
      </div>
      {rules.error ? (
        <ErrorState error={rules.error} />
      ) : !rules.data ? (
        <Loading />
      ) : rules.data.accessRules.resourceRules.length === 0 ? (
        <EmptyState title={`No rules in ${namespace}`}>You may do nothing with resources here beyond what every signed-in user may (reviews of your own access).</EmptyState>
      ) : (
        <AccessMatrix review={rules.data.accessRules} />
      )}
    </div>
  );
}
