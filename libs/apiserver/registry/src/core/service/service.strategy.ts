import type { ResourceDefinition, ResourceStrategy } from '../../resource.types';
import { keepOldStatus, objectMetaFields, read, section, text, validateCoreMeta } from '../core-strategy-helpers';
import { defaultIpFamilies, defaultService, keepAllocatedValues } from './service-defaults';
import { serviceColumns, serviceRow } from './service-table';
import { validateServiceSpec, validateServiceSpecUpdate } from './service-validation';

/**
 * Services. Allocation of spec.clusterIP(s) and node ports is I/O and belongs to the API layer:
 * it runs after prepareForCreate (see `needsClusterIP` / `needsNodePorts`) and before validate.
 */
export const serviceStrategy: ResourceStrategy = {
  defaults: defaultService,
  prepareForCreate(service) {
    service.status = { loadBalancer: {} };
    defaultIpFamilies(section(service, 'spec'));
  },
  prepareForUpdate(service, old) {
    keepOldStatus(service, old);
    const spec = section(service, 'spec');
    keepAllocatedValues(spec, read(old, 'spec'));
    defaultIpFamilies(spec);
  },
  validate: (service) => [...validateCoreMeta(service.metadata), ...validateServiceSpec(read(service, 'spec'))],
  validateUpdate: (service, old) => validateServiceSpecUpdate(read(service, 'spec'), read(old, 'spec')),
  table: { columns: serviceColumns, row: serviceRow },
  selectableFields: (service) => ({
    ...objectMetaFields(service),
    'spec.clusterIP': text(read(service, 'spec').clusterIP),
    'spec.type': text(read(service, 'spec').type),
  }),
};

export const serviceResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Service',
  resource: 'services',
  singular: 'service',
  namespaced: true,
  shortNames: ['svc'],
  categories: ['all'],
  nameValidation: 'dns1035',
  model: 'io.k8s.api.core.v1.Service',
  subresources: {
    status: true,
    extra: [{ name: 'proxy', kind: 'ServiceProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] }],
  },
  strategy: serviceStrategy,
};
