import type { ResourceDefinition } from '../resource.types';
import { storageClassResource } from './storageclasses/storageclass.resource';

/** storage.k8s.io/v1 (CSI kinds and VolumeAttachments are not served). */
export const storageResources: ResourceDefinition[] = [storageClassResource];
