import { GraphQLBoolean, GraphQLFieldConfigMap, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString } from 'graphql';
import type { GraphqlContext } from '../graphql-context';
import { lowerFirst } from './kind-names';
import type { KindEntry } from './kind-entry';
import { KindWatchArgs, watchKind } from './kind-watch';

/**
 * `appsV1DeploymentWatch(namespace, labelSelector, fieldSelector, resourceVersion, allowWatchBookmarks, sendInitialEvents)`:
 * the kind's REST watch as the caller, in batches of `{ type, object }` (type ADDED, MODIFIED, DELETED or
 * BOOKMARK; a bookmark's object carries only metadata.resourceVersion).
 */
export function kindSubscriptions(kind: KindEntry): GraphQLFieldConfigMap<unknown, GraphqlContext> {
  if (!kind.verbs.has('watch') || !(kind.object instanceof GraphQLObjectType)) return {};
  const event = new GraphQLObjectType({
    name: `${kind.typeName}WatchEvent`,
    fields: { type: { type: new GraphQLNonNull(GraphQLString), description: 'ADDED, MODIFIED, DELETED or BOOKMARK' }, object: { type: kind.object } },
  });
  const batch = new GraphQLObjectType({
    name: `${kind.typeName}WatchBatch`,
    description: 'The events of one batching window, in the order the watch sent them.',
    fields: { events: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(event))) } },
  });
  return {
    [`${lowerFirst(kind.typeName)}Watch`]: {
      type: new GraphQLNonNull(batch),
      args: {
        ...(kind.ref.namespaced ? { namespace: { type: GraphQLString } } : {}),
        labelSelector: { type: GraphQLString },
        fieldSelector: { type: GraphQLString },
        resourceVersion: { type: GraphQLString, description: 'Events after this version; without one, ADDED for every current object first.' },
        allowWatchBookmarks: { type: GraphQLBoolean },
        sendInitialEvents: { type: GraphQLBoolean, description: 'The current objects first (ADDED), then a BOOKMARK annotated k8s.io/initial-events-end (bookmarks are then sent whatever allowWatchBookmarks says).' },
      },
      subscribe: (_source, args: KindWatchArgs, context) => watchKind(context.kube, kind.ref, args),
      resolve: (value: unknown) => value,
    },
  };
}
