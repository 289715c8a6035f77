import type { ResourceDefinition } from '../resource.types';
import { controllerRevisionResource } from './controllerrevisions/controllerrevision.resource';
import { daemonSetResource } from './daemonsets/daemonset.resource';
import { deploymentResource } from './deployments/deployment.resource';
import { replicaSetResource } from './replicasets/replicaset.resource';
import { statefulSetResource } from './statefulsets/statefulset.resource';

export { deploymentStrategy } from './deployments/deployment.strategy';
export { replicaSetStrategy } from './replicasets/replicaset.strategy';

/** apps/v1, in upstream discovery order. */
export const appsResources: ResourceDefinition[] = [controllerRevisionResource, daemonSetResource, deploymentResource, replicaSetResource, statefulSetResource];
