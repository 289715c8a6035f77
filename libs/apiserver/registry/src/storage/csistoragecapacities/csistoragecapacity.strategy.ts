import { fieldErrors } from '@drydock/util';
import { validateLabelSelector } from '../../meta/label-selector-validation';
import type { ResourceStrategy } from '../../resource.types';
import { text } from '../../support/object-fields';
import { column, nameColumn } from '../../support/table-columns';

/** storage.k8s.io/v1 CSIStorageCapacity (upstream prints no Age column for it). */
export const csiStorageCapacityStrategy: ResourceStrategy = {
  validate: (object) => [
    ...(text(object.storageClassName) ? [] : [fieldErrors.required('storageClassName', '')]),
    ...validateLabelSelector(object.nodeTopology, 'nodeTopology'),
  ],
  table: {
    columns: [nameColumn, column('StorageClassName', 'string', 'storageClassName represents the name of the StorageClass that the reported capacity applies to.'), column('Capacity', 'string', 'capacity is the value reported by the CSI driver in its GetCapacityResponse for a GetCapacityRequest with topology and parameters that match the previous fields.')],
    row: (object) => [object.metadata.name, text(object.storageClassName), object.capacity == null ? '<unset>' : String(object.capacity)],
  },
};
