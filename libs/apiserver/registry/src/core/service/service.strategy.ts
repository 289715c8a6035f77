import type { ResourceStrategy } from '../../resource.types';
import { defaultIpFamilies, defaultService, keepAllocatedValues } from './service-defaults';
import { serviceColumns, serviceRow } from './service-table';
import { validateServiceSpec, validateServiceSpecUpdate } from './service-validation';
import { ensureRecord, record, text } from '../../support/object-fields';
import { keepOldStatus } from '../../support/status-subresource';
import { objectMetaFields, validateCoreMeta } from '../../support/object-meta-fields';

/**
 * Services. Allocation of spec.clusterIP(s) and node ports is I/O and belongs to the API layer:
 * it runs after prepareForCreate (see `needsClusterIP` / `needsNodePorts`) and before validate.
 */
export const serviceStrategy: ResourceStrategy = {
  defaults: defaultService,
  prepareForCreate(service) {
    service.status = { loadBalancer: {} };
    defaultIpFamilies(ensureRecord(service, 'spec'));
  },
  prepareForUpdate(service, old) {
    keepOldStatus(service, old);
    const spec = ensureRecord(service, 'spec');
    keepAllocatedValues(spec, record(old, 'spec'));
    defaultIpFamilies(spec);
  },
  validate: (service) => [...validateCoreMeta(service.metadata), ...validateServiceSpec(record(service, 'spec'))],
  validateUpdate: (service, old) => validateServiceSpecUpdate(record(service, 'spec'), record(old, 'spec')),
  table: { columns: serviceColumns, row: serviceRow },
  selectableFields: (service) => ({
    ...objectMetaFields(service),
    'spec.clusterIP': text(record(service, 'spec').clusterIP),
    'spec.type': text(record(service, 'spec').type),
  }),
};
