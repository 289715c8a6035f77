import type { ResourceDefinition } from '../../resource.types';
import { volumeAttachmentStrategy } from './volumeattachment.strategy';

export const volumeAttachmentResource: ResourceDefinition = {
  group: 'storage.k8s.io',
  version: 'v1',
  kind: 'VolumeAttachment',
  resource: 'volumeattachments',
  singular: 'volumeattachment',
  namespaced: false,
  model: 'io.k8s.api.storage.v1.VolumeAttachment',
  subresources: { status: true },
  strategy: volumeAttachmentStrategy,
};
