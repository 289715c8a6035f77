import { isNotFound, KubeClient, resources } from '@drydock/client';
import { hasStatusCause } from '../util/status-cause';
import type { EndpointSlice } from '../util/network.types';
import type { WriteTracker } from '../util/write-tracker';
import type { SliceChanges } from './endpointslice-plan';

export interface SliceOwner {
  key: string;
  /** `Service` or `Endpoints`: how error messages name the owner. */
  kind: string;
  namespace: string;
  name: string;
  /** Being deleted: nothing new is created (the garbage collector would race the creations). */
  deleting: boolean;
}

/**
 * finalize of both slice controllers: creates, then updates, then deletes, recording each write in
 * the tracker; errors are worded as upstream's. A namespace being terminated ends the creations quietly.
 */
export async function writeSliceChanges(client: KubeClient, tracker: WriteTracker, owner: SliceOwner, changes: SliceChanges, prepare: (slice: EndpointSlice) => EndpointSlice = (s) => s): Promise<void> {
  const of = `${owner.kind} ${owner.namespace}/${owner.name}`;
  if (!owner.deleting) {
    for (const slice of changes.create) {
      try {
        tracker.written(owner.key, await client.create<EndpointSlice>(resources.endpointslices, owner.namespace, prepare(slice)));
      } catch (error) {
        if (hasStatusCause(error, 'NamespaceTerminating')) return;
        throw new Error(`failed to create EndpointSlice for ${of}: ${(error as Error).message}`);
      }
    }
  }
  for (const slice of changes.update) {
    try {
      tracker.written(owner.key, await client.update<EndpointSlice>(resources.endpointslices, prepare(slice)));
    } catch (error) {
      throw new Error(`failed to update ${slice.metadata.name} EndpointSlice for ${of}: ${(error as Error).message}`);
    }
  }
  for (const slice of changes.delete) {
    try {
      await client.delete(resources.endpointslices, owner.namespace, slice.metadata.name!);
      tracker.deleted(owner.key, slice);
    } catch (error) {
      if (!isNotFound(error)) throw new Error(`failed to delete ${slice.metadata.name} EndpointSlice for ${of}: ${(error as Error).message}`);
    }
  }
}
