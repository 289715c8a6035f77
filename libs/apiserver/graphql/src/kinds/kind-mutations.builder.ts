import { GraphQLBoolean, GraphQLEnumType, GraphQLFieldConfigArgumentMap, GraphQLFieldConfigMap, GraphQLInt, GraphQLNonNull, GraphQLScalarType, GraphQLString } from 'graphql';
import { resourcePath } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import type { GraphqlContext } from '../graphql-context';
import { PATCH_CONTENT_TYPES } from '../kube/caller-kube';
import { jsonOfInput } from './input-json';
import { KindEntry, withTypeMeta } from './kind-entry';

export const KubePatchType = new GraphQLEnumType({
  name: 'KubePatchType',
  description: 'How a patch is applied (its Content-Type on the REST API).',
  values: {
    JSON: { value: 'json', description: 'application/json-patch+json (RFC 6902)' },
    MERGE: { value: 'merge', description: 'application/merge-patch+json (RFC 7386)' },
    STRATEGIC: { value: 'strategic', description: 'application/strategic-merge-patch+json (built-in kinds only, as upstream)' },
  },
});

export const DeletionPropagation = new GraphQLEnumType({
  name: 'DeletionPropagation',
  description: "DeleteOptions.propagationPolicy: what happens to the object's dependents.",
  values: { Orphan: {}, Background: {}, Foreground: {} },
});

interface WriteArgs {
  namespace?: string;
  name?: string;
  body?: Record<string, unknown>;
  patch?: unknown;
  type?: keyof typeof PATCH_CONTENT_TYPES;
  dryRun?: boolean;
  fieldManager?: string;
  force?: boolean;
  propagationPolicy?: string;
  gracePeriodSeconds?: number;
}

const writeOptions = { dryRun: { type: GraphQLBoolean, description: 'dryRun=All: validated and admitted, not stored.' }, fieldManager: { type: GraphQLString } };
const writeQuery = (args: WriteArgs) => ({ dryRun: args.dryRun ? 'All' : undefined, fieldManager: args.fieldManager ?? undefined, force: args.force ?? undefined });

/**
 * create, replace (PUT), patch (JSON, merge, strategic), apply (server-side) and delete of one kind,
 * each one REST request as the caller: admission, validation and errors are the API server's own.
 */
export function kindMutations(kind: KindEntry, json: GraphQLScalarType): GraphQLFieldConfigMap<unknown, GraphqlContext> {
  const { ref, typeName, verbs } = kind;
  const namespace: GraphQLFieldConfigArgumentMap = ref.namespaced ? { namespace: { type: new GraphQLNonNull(GraphQLString) } } : {};
  const named = { ...namespace, name: { type: new GraphQLNonNull(GraphQLString) } };
  const body = (args: WriteArgs) => withTypeMeta(jsonOfInput(args.body, kind.input) as KubeObject, ref);
  const send = (context: GraphqlContext, method: 'POST' | 'PUT' | 'PATCH', path: string, payload: unknown, query: Record<string, string | boolean | undefined>, contentType?: string) =>
    context.kube.raw<KubeObject>({ method, path, body: payload, query, contentType }).then((object) => withTypeMeta(object, ref));
  const fields: GraphQLFieldConfigMap<unknown, GraphqlContext> = {};
  if (verbs.has('create')) {
    fields[`create${typeName}`] = {
      type: kind.object,
      args: { ...namespace, body: { type: new GraphQLNonNull(kind.input) }, ...writeOptions },
      resolve: (_source, args: WriteArgs, context) => send(context, 'POST', resourcePath(ref, args.namespace), body(args), writeQuery(args)),
    };
  }
  if (verbs.has('update')) {
    fields[`replace${typeName}`] = {
      type: kind.object,
      description: 'PUT: the whole object; with metadata.resourceVersion the write fails with Conflict when the object moved.',
      args: { ...named, body: { type: new GraphQLNonNull(kind.input) }, ...writeOptions },
      resolve: (_source, args: WriteArgs, context) => send(context, 'PUT', resourcePath(ref, args.namespace, args.name), body(args), writeQuery(args)),
    };
  }
  if (verbs.has('patch')) {
    fields[`patch${typeName}`] = {
      type: kind.object,
      args: { ...named, type: { type: new GraphQLNonNull(KubePatchType) }, patch: { type: new GraphQLNonNull(json) }, ...writeOptions },
      resolve: (_source, args: WriteArgs, context) => send(context, 'PATCH', resourcePath(ref, args.namespace, args.name), args.patch, writeQuery(args), PATCH_CONTENT_TYPES[args.type!]),
    };
    fields[`apply${typeName}`] = {
      type: kind.object,
      description: 'Server-side apply (application/apply-patch+yaml): the fields `fieldManager` owns become `body`; `force` takes over conflicting fields.',
      args: { ...named, body: { type: new GraphQLNonNull(kind.input) }, fieldManager: { type: new GraphQLNonNull(GraphQLString) }, force: { type: GraphQLBoolean }, dryRun: writeOptions.dryRun },
      resolve: (_source, args: WriteArgs, context) => {
        const object = body(args);
        const applied = { ...object, metadata: { ...object.metadata, name: args.name } };
        return send(context, 'PATCH', resourcePath(ref, args.namespace, args.name), applied, writeQuery(args), PATCH_CONTENT_TYPES.apply);
      },
    };
  }
  if (verbs.has('delete')) {
    fields[`delete${typeName}`] = {
      type: json,
      description: 'The API\'s answer as is: the object while finalizers or a grace period hold it, else a Status.',
      args: { ...named, propagationPolicy: { type: DeletionPropagation }, gracePeriodSeconds: { type: GraphQLInt }, dryRun: writeOptions.dryRun },
      resolve: (_source, args: WriteArgs, context) =>
        context.kube.delete(ref, args.namespace, args.name!, { propagationPolicy: args.propagationPolicy ?? undefined, gracePeriodSeconds: args.gracePeriodSeconds ?? undefined, dryRun: args.dryRun ? ['All'] : undefined }),
    };
  }
  return fields;
}
