import type { ResourceDefinition } from '../resource.types';
import { csiDriverResource, csiNodeResource, csiStorageCapacityResource, volumeAttachmentResource, volumeAttributesClassResource } from './storage-kinds.resource';
import { storageClassResource } from './storageclasses/storageclass.resource';

/** storage.k8s.io/v1, in upstream discovery order. */
export const storageResources: ResourceDefinition[] = [csiDriverResource, csiNodeResource, csiStorageCapacityResource, storageClassResource, volumeAttachmentResource, volumeAttributesClassResource];
