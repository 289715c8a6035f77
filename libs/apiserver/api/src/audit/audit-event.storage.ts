import type { ResourceDefinition } from '@drydock/registry';
import type { PrismaClient } from '@drydock/storage';
import { AuditEventRest } from './audit-event.rest';

/** Attaches the audit table's REST object to drydock.dev auditevents where the API server builds its storage. */
export function withAuditStorage(definitions: ResourceDefinition[], prisma: PrismaClient): ResourceDefinition[] {
  const isAudit = (def: ResourceDefinition) => def.group === 'drydock.dev' && def.resource === 'auditevents';
  return definitions.map((def) => (isAudit(def) ? { ...def, computed: { rest: new AuditEventRest(prisma, def) } } : def));
}
