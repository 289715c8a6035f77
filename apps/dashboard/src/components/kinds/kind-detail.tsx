'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { gql, GraphQLRequestError, useQuery } from '@/lib/graphql';
import type { KindObjectQuery, KindObjectToEditQuery, KubeKindsQuery } from '@/lib/graphql-types.generated';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { YamlView } from '@/components/ui/yaml-view';
import { KINDS_QUERY } from './kinds-index';
import { KindDelete } from './kind-delete';
import { hidesValues, KindExtras } from './kind-extras';
import { kindHref, mapHref, objectHref } from './kind-paths';
import { canWrite, kubectlYaml, type KubeObjectJson } from './kind-writes';
import { KindYamlEdit } from './kind-yaml-edit';

/** The object for its YAML view: a Secret's values stay on the server (`hideSecretValues`). */
const OBJECT_QUERY = /* GraphQL */ `
  query KindObject($group: String!, $version: String!, $resource: String!, $namespace: String, $name: String!) {
    kindObject(group: $group, version: $version, resource: $resource, namespace: $namespace, name: $name, hideSecretValues: true)
  }
`;

/** The whole object for the editor, values included: for a Secret the editing is a reveal, and the audit log names this operation. */
const EDITABLE_QUERY = /* GraphQL */ `
  query KindObjectToEdit($group: String!, $version: String!, $resource: String!, $namespace: String, $name: String!) {
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

/** One object of any kind: its YAML as the API returns it (editable), its owners, what it owns and its events; delete. */
export function KindDetail({ group, version, resource, name, namespace }: { group: string; version: string; resource: string; name: string; namespace?: string }) {
  const kinds = useQuery<KubeKindsQuery>(KINDS_QUERY);
  const kind = kinds.data?.kinds.find((each) => each.group === group && each.version === version && each.resource === resource);
  const object = useQuery<KindObjectQuery>(OBJECT_QUERY, { group, version, resource, namespace: namespace ?? null, name });
  const relations = useQuery<Relations>(kind ? relationsQuery(kind.getField, kind.namespaced) : '', kind?.namespaced ? { name, namespace } : { name }, { skip: !kind?.getField });
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string>();
  // A kind whose values the page hides is edited from a read with its values, made when Edit YAML is pressed.
  const [editable, setEditable] = useState<KubeObjectJson>();
  const [editError, setEditError] = useState<GraphQLRequestError>();
  const readEditable = async () => {
    setEditError(undefined);
    try {
      setEditable((await gql<KindObjectToEditQuery>(EDITABLE_QUERY, { group, version, resource, namespace: namespace ?? null, name })).kindObject);
      return true;
    } catch (e) {
      setEditError(e instanceof GraphQLRequestError ? e : new GraphQLRequestError(String(e)));
      return false;
    }
  };
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
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-semibold">{name}</h1>
          <div className="ml-auto flex gap-2">
            {kind.getField && (
              <Link href={mapHref(kind, name, namespace)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800">
                Map
              </Link>
            )}
            {canWrite(kind, 'update') && !editing && (
              <button
                type="button"
                onClick={async () => {
                  setSaved(undefined);
                  if (!hidesValues(kind) || (await readEditable())) setEditing(true);
                }}
                className="rounded-md border border-sky-600 px-3 py-1.5 text-sm font-medium text-sky-700 hover:bg-sky-50 dark:text-sky-300 dark:hover:bg-sky-950">
                Edit YAML
              </button>
            )}
            {canWrite(kind, 'delete') && <KindDelete kind={kind} name={name} namespace={namespace} onDeleted={() => router.push(kindHref(kind, namespace))} />}
          </div>
        </div>
        {saved && !editing && (
          <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
            {saved}
          </p>
        )}
      </header>
      {editError && <ErrorState error={editError} title="The object could not be read for editing" />}
      <KindExtras kind={kind} object={object.data.kindObject} name={name} namespace={namespace} />
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
      {editing ? (
        <KindYamlEdit
          kind={kind}
          name={name}
          namespace={namespace}
          current={hidesValues(kind) && editable ? editable : object.data.kindObject}
          reload={async () => void (hidesValues(kind) ? await readEditable() : await object.refetch())}
          onCancel={() => (setEditing(false), setEditable(undefined))}
          onSaved={(stored) => {
            setEditing(false);
            setEditable(undefined);
            setSaved(`Saved: resourceVersion ${String((stored.metadata as { resourceVersion?: string } | undefined)?.resourceVersion ?? '?')}.`);
            void object.refetch();
          }}
        />
      ) : (
        <YamlView yaml={kubectlYaml(object.data.kindObject)} title={`${name}.yaml`} />
      )}
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
