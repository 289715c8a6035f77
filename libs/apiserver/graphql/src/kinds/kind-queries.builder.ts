import { GraphQLFieldConfigArgumentMap, GraphQLFieldConfigMap, GraphQLInt, GraphQLNonNull, GraphQLString } from 'graphql';
import { resourcePath } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import type { GraphqlContext } from '../graphql-context';
import type { ListBody } from '../kube/kube-api.client';
import { lowerFirst } from './kind-names';
import { KindEntry, withTypeMeta } from './kind-entry';

interface GetArgs {
  namespace?: string;
  name: string;
}

interface ListArgs {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
}

/**
 * `appsV1Deployment(namespace, name)` and `appsV1DeploymentList(namespace, labelSelector, fieldSelector,
 * limit, continue)`: one GET as the caller each, so RBAC, errors and pagination are the REST API's own.
 */
export function kindQueries(kind: KindEntry): GraphQLFieldConfigMap<unknown, GraphqlContext> {
  const fields: GraphQLFieldConfigMap<unknown, GraphqlContext> = {};
  const field = lowerFirst(kind.typeName);
  const namespace: GraphQLFieldConfigArgumentMap = kind.ref.namespaced ? { namespace: { type: new GraphQLNonNull(GraphQLString) } } : {};
  if (kind.verbs.has('get')) {
    fields[field] = {
      type: kind.object,
      description: `Reads the ${kind.ref.kind} (GET ${resourcePath(kind.ref, kind.ref.namespaced ? '{namespace}' : undefined, '{name}')}).`,
      args: { ...namespace, name: { type: new GraphQLNonNull(GraphQLString) } },
      resolve: async (_source, args: GetArgs, context) => withTypeMeta(await context.kube.read(kind.ref, args.namespace, args.name), kind.ref),
    };
  }
  if (kind.verbs.has('list') && kind.list) {
    fields[`${field}List`] = {
      type: kind.list,
      description: `Lists ${kind.ref.kind} objects${kind.ref.namespaced ? ' in a namespace, or in all namespaces without one' : ''}; \`limit\` and \`continue\` page as the REST API does.`,
      args: {
        ...(kind.ref.namespaced ? { namespace: { type: GraphQLString } } : {}),
        labelSelector: { type: GraphQLString },
        fieldSelector: { type: GraphQLString },
        limit: { type: GraphQLInt },
        continue: { type: GraphQLString },
      },
      resolve: async (_source, args: ListArgs, context) => {
        const query = { labelSelector: args.labelSelector, fieldSelector: args.fieldSelector, limit: args.limit ?? undefined, continue: args.continue };
        const list = await context.kube.raw<ListBody<KubeObject>>({ method: 'GET', path: resourcePath(kind.ref, args.namespace ?? undefined), query });
        return { ...list, items: (list.items ?? []).map((item) => withTypeMeta(item, kind.ref)) };
      },
    };
  }
  return fields;
}
