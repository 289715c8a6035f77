import { AccessResolver } from './resolvers/access.resolver';
import { KindsResolver } from './resolvers/kinds.resolver';
import { AuditResolver } from './resolvers/audit.resolver';
import { AuditService } from './services/audit.service';
import { ControlPlaneResolver } from './resolvers/control-plane.resolver';
import { ControlPlaneService } from './services/control-plane.service';
import { PeopleResolver } from './resolvers/people.resolver';
import { PeopleService } from './services/people.service';
import { NamespaceResolver } from './resolvers/namespace.resolver';
import { NodeResolver } from './resolvers/node.resolver';
import { PodResolver } from './resolvers/pod.resolver';
import { QueryResolver } from './resolvers/query.resolver';
import { WorkloadResolver } from './resolvers/workload.resolver';
import { MutationResolver } from './resolvers/mutation.resolver';
import { SubscriptionResolver } from './resolvers/subscription.resolver';
import { RestMapper } from './kube/rest-mapper.service';
import { ApplyService } from './services/apply.service';
import { ClusterReadService } from './services/cluster-read.service';
import { DeleteService } from './services/delete.service';
import { ExecService } from './services/exec.service';
import { NodeOperationsService } from './services/node-operations.service';
import { WorkloadOperationsService } from './services/workload-operations.service';
import { ChangeStreamService } from './subscriptions/change-stream.service';
import { LogStreamService } from './subscriptions/log-stream.service';

/** Every resolver and service of the GraphQL API, in one list (the module and the schema generator both read it). */
export const GRAPHQL_RESOLVERS = [QueryResolver, AccessResolver, PeopleResolver, NodeResolver, PodResolver, WorkloadResolver, NamespaceResolver, MutationResolver, SubscriptionResolver, AuditResolver, ControlPlaneResolver, KindsResolver];
export const GRAPHQL_SERVICES = [ClusterReadService, ControlPlaneService, PeopleService, WorkloadOperationsService, NodeOperationsService, ApplyService, DeleteService, ExecService, RestMapper, ChangeStreamService, LogStreamService, AuditService];
export const GRAPHQL_PROVIDERS = [...GRAPHQL_RESOLVERS, ...GRAPHQL_SERVICES];
