import type { AccessReviewer } from './access/access-reviewer';
import type { CallerKube } from './kube/caller-kube';
import type { ClusterLoader } from './loaders/cluster.loader';

export interface GraphqlUser {
  name: string;
  groups: string[];
}

/** What every resolver gets: the authenticated caller, the REST API as that caller, the request's loader and its access reviews. */
export interface GraphqlContext {
  user: GraphqlUser;
  kube: CallerKube;
  loader: ClusterLoader;
  access: AccessReviewer;
  /** The client asked that all-namespaces reads RBAC refuses cover the namespaces the caller can reach (REACHABLE_NAMESPACES_HEADER). */
  reachableScope: boolean;
  /** Subscriptions only: ends the subscriber's connection when it fell too far behind (the transport knows how). */
  onSlowSubscriber?: () => void;
}
