import { NamespaceResolver } from './resolvers/namespace.resolver';
import { NodeResolver } from './resolvers/node.resolver';
import { PodResolver } from './resolvers/pod.resolver';
import { QueryResolver } from './resolvers/query.resolver';
import { WorkloadResolver } from './resolvers/workload.resolver';
import { ClusterReadService } from './services/cluster-read.service';

/** Every resolver and service of the GraphQL API, in one list (the module and the schema generator both read it). */
export const GRAPHQL_RESOLVERS = [QueryResolver, NodeResolver, PodResolver, WorkloadResolver, NamespaceResolver];
export const GRAPHQL_SERVICES = [ClusterReadService];
export const GRAPHQL_PROVIDERS = [...GRAPHQL_RESOLVERS, ...GRAPHQL_SERVICES];
