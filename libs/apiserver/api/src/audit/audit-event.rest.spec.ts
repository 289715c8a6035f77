import type { PrismaClient } from '@drydock/storage';
import type { ResourceDefinition } from '@drydock/registry';
import { StatusError } from '@drydock/util';
import { AuditEventRest } from './audit-event.rest';

describe('AuditEventRest.list', () => {
  const takes: unknown[] = [];
  const prisma = { auditEvent: { findMany: async (args: { take?: number }) => (takes.push(args.take), []) } } as unknown as PrismaClient;
  const rest = new AuditEventRest(prisma, { group: 'drydock.dev', version: 'v1', resource: 'auditevents', kind: 'AuditEvent', namespaced: true } as ResourceDefinition);
  const list = (limit: string) => rest.list({ cluster: 'default', namespace: 'a', name: '', query: new URLSearchParams({ limit }) });

  it('refuses a limit past int64 with 400, as every list does (found by fuzzing: Prisma could not fit it, a 500)', async () => {
    await expect(list('9999999999999999999999999')).rejects.toMatchObject({ code: 400, message: 'limit: Invalid value: "9999999999999999999999999"' } satisfies Partial<StatusError>);
    await expect(list('-1')).rejects.toMatchObject({ code: 400 });
    expect(takes).toEqual([]);
  });

  it('pages by the limit, and lists everything for 0', async () => {
    await list('5');
    await list('0');
    expect(takes).toEqual([6, undefined]);
  });
});
