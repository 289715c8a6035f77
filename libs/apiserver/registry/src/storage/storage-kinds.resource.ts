import type { ResourceDefinition, ResourceStrategy } from '../resource.types';
import { csiDriverStrategy } from './csidrivers/csidriver.strategy';
import { csiNodeStrategy } from './csinodes/csinode.strategy';
import { csiStorageCapacityStrategy } from './csistoragecapacities/csistoragecapacity.strategy';
import { volumeAttachmentStrategy } from './volumeattachments/volumeattachment.strategy';
import { volumeAttributesClassStrategy } from './volumeattributesclasses/volumeattributesclass.strategy';

function storageResource(kind: string, resource: string, namespaced: boolean, strategy: ResourceStrategy, extra: Partial<ResourceDefinition> = {}): ResourceDefinition {
  return { group: 'storage.k8s.io', version: 'v1', kind, resource, singular: kind.toLowerCase(), namespaced, model: `io.k8s.api.storage.v1.${kind}`, strategy, ...extra };
}

export const csiDriverResource = storageResource('CSIDriver', 'csidrivers', false, csiDriverStrategy);
export const csiNodeResource = storageResource('CSINode', 'csinodes', false, csiNodeStrategy);
export const csiStorageCapacityResource = storageResource('CSIStorageCapacity', 'csistoragecapacities', true, csiStorageCapacityStrategy);
export const volumeAttachmentResource = storageResource('VolumeAttachment', 'volumeattachments', false, volumeAttachmentStrategy, { subresources: { status: true } });
export const volumeAttributesClassResource = storageResource('VolumeAttributesClass', 'volumeattributesclasses', false, volumeAttributesClassStrategy, { shortNames: ['vac'] });
