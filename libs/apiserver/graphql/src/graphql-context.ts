import type { CallerKube } from './kube/caller-kube';
import type { ClusterLoader } from './loaders/cluster.loader';

export interface GraphqlUser {
  name: string;
  groups: string[];
}

/** What every resolver gets: the authenticated caller, the REST API as that caller, and the request's loader. */
export interface GraphqlContext {
  user: GraphqlUser;
  kube: CallerKube;
  loader: ClusterLoader;
}
