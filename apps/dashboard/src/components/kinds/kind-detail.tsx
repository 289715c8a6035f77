'use client';
import Link from 'next/link';
import { stringify } from 'yaml';
import { useQuery } from '@/lib/graphql';
import type { KindObjectQuery, KubeKindsQuery } from '@/lib/graphql-types.generated';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { YamlView } from '@/components/ui/yaml-view';
import { KINDS_QUERY } from './kinds-index';
import { kindHref, objectHref } from './kind-paths';

const OBJECT_QUERY = /* GraphQL */ `
  query KindObject($group: String!, $version: String!, $resource: String!, $namespace: String, $name: String!) {
    kindObject(group: $group, version: $version, resource: $resource, namespace: $namespace, name: $name)
  }
`;

interface Related {
  apiVersion?: string | null;
  kind?: string | null;
  metadata?: { name?: string | null; namespace?: string | null } | null;
}

interface Relations {
  object: { owners?: (Related | null)[]; owned?: Related[]; events?: { type?: string | null; reason?: string | null; message?: string | null; lastTimestamp?: string | null }[] } | null;
}

const RELATED = 'apiVersion kind metadata { name namespace }';

/**
 * The relations every generated kind has, through its generated get field. The field is named after the
 * kind (`appsV1Deployment`), so this document is built at run time rather than written as a typed
 * `/* GraphQL *\/` document; the result type above is what every kind's relations share.
 */
function relationsQuery(getField: string, namespaced: boolean): string {
  const args = namespaced ? 'namespace: $namespace, name: $name' : 'name: $name';
  return `query KindRelations($name: String!${namespaced ? ', $namespace: String!' : ''}) { object: ${getField}(${args}) { owners { ${RELATED} } owned { ${RELATED} } events { type reason message lastTimestamp } } }`;
}

/** One object of any kind: its YAML as the API returns it, its owners, what it owns and its events. */
export function KindDetail({ group, version, resource, name, namespace }: { group: string; version: string; resource: string; name: string; namespace?: string }) {
  const kinds = useQuery<KubeKindsQuery>(KINDS_QUERY);
  const kind = kinds.data?.kinds.find((each) => each.group === group && each.version === version && each.resource === resource);
  const object = useQuery<KindObjectQuery>(OBJECT_QUERY, { group, version, resource, namespace: namespace ?? null, name });
  const relations = useQuery<Relations>(kind ? relationsQuery(kind.getField, kind.namespaced) : '', kind?.namespaced ? { name, namespace } : { name }, { skip: !kind?.getField });
  if ((kinds.loading && !kinds.data) || (object.loading && !object.data)) return <Loading />;
  if (object.error) return <ErrorState error={object.error} />;
  if (!kind || !object.data) return <EmptyState title="Not found" />;
  const related = relations.data?.object;
  return (
    <div className="space-y-4">
      <header>
        <p className="text-sm text-slate-500">
          <Link href={kindHref(kind, namespace)} className="hover:underline">
            {kind.kind}
          </Link>
          {namespace ? ` · ${namespace}` : ''}
        </p>
        <h1 className="text-2xl font-semibold">{name}</h1>
      </header>
      <div className="grid gap-4 lg:grid-cols-2">
        <RelatedList title="Owners" items={(related?.owners ?? []).filter((item): item is Related => item !== null)} kinds={kinds.data?.kinds ?? []} />
        <RelatedList title="Owns" items={related?.owned ?? []} kinds={kinds.data?.kinds ?? []} />
      </div>
      {relations.error && <ErrorState error={relations.error} title="Relations" />}
      {(related?.events ?? []).length > 0 && (
        <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900">
          <h2 className="mb-2 font-semibold">Events</h2>
          <ul className="space-y-1">
            {related!.events!.map((event, index) => (
              <li key={index} className={event.type === 'Warning' ? 'text-amber-700 dark:text-amber-400' : ''}>
                <span className="font-medium">{event.reason}</span> {event.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      <YamlView yaml={stringify(object.data.kindObject)} title={`${name}.yaml`} />
    </div>
  );
}

function RelatedList({ title, items, kinds }: { title: string; items: Related[]; kinds: KubeKindsQuery['kinds'] }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900" data-testid={`related-${title.toLowerCase()}`}>
      <h2 className="mb-2 font-semibold">{title}</h2>
      {items.length === 0 ? (
        <p className="text-slate-500">None</p>
      ) : (
        <ul className="space-y-1">
          {items.map((item) => {
            const target = kinds.find((each) => `${each.group ? `${each.group}/` : ''}${each.version}` === item.apiVersion && each.kind === item.kind);
            const label = `${item.kind}/${item.metadata?.name}`;
            return <li key={label}>{target ? <Link href={objectHref(target, item.metadata?.name ?? '', item.metadata?.namespace)} className="text-sky-700 hover:underline dark:text-sky-400">{label}</Link> : label}</li>;
          })}
        </ul>
      )}
    </section>
  );
}
