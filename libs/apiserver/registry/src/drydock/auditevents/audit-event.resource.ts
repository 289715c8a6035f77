import type { ResourceDefinition } from '../../resource.types';
import { auditEventStrategy } from './audit-event.strategy';

export const auditEventResource: ResourceDefinition = {
  group: 'drydock.dev',
  version: 'v1',
  kind: 'AuditEvent',
  resource: 'auditevents',
  singular: 'auditevent',
  namespaced: true,
  verbs: ['get', 'list'],
  model: 'dev.drydock.v1.AuditEvent',
  // The API server attaches the REST object that reads the audit table (api library, audit storage).
  computed: {},
  strategy: auditEventStrategy,
};
