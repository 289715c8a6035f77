import type { ResourceDefinition } from '../resource.types';
export { supportedFieldLabels } from '../meta/field-labels';
import { configMapResource } from './configmap/configmap.strategy';
import { endpointsResource } from './endpoints/endpoints.strategy';
import { eventResource } from './event/event.strategy';
import { limitRangeResource } from './limitrange/limitrange.strategy';
import { namespaceResource } from './namespace/namespace.strategy';
import { nodeResource } from './node/node.strategy';
import { persistentVolumeResource } from './persistentvolume/persistentvolume.strategy';
import { persistentVolumeClaimResource } from './persistentvolumeclaim/persistentvolumeclaim.strategy';
import { podResource } from './pod/pod.strategy';
import { podTemplateResource } from './podtemplate/podtemplate.strategy';
import { replicationControllerResource } from './replicationcontroller/replicationcontroller.strategy';
import { resourceQuotaResource } from './resourcequota/resourcequota.strategy';
import { secretResource } from './secret/secret.strategy';
import { serviceResource } from './service/service.strategy';
import { serviceAccountResource } from './serviceaccount/serviceaccount.strategy';

/** The core/v1 kinds, in the order upstream's discovery lists them (alphabetical by resource). */
export const coreResources: ResourceDefinition[] = [
  configMapResource,
  endpointsResource,
  eventResource,
  limitRangeResource,
  namespaceResource,
  nodeResource,
  persistentVolumeClaimResource,
  persistentVolumeResource,
  podResource,
  podTemplateResource,
  replicationControllerResource,
  resourceQuotaResource,
  secretResource,
  serviceAccountResource,
  serviceResource,
];

