import { Injectable } from '@nestjs/common';
import { resourcePath, resources } from '@drydock/client';
import { escapeFieldValue } from '@drydock/kube';
import type { GraphqlContext } from '../graphql-context';
import type { AuditEvent, AuditEventFilter, AuditEventPage } from '../models/audit.model';

interface AuditEventObject {
  auditID?: string;
  stageTimestamp?: string;
  user?: { username?: string; groups?: string[] };
  impersonatedUser?: { username?: string };
  verb?: string;
  objectRef?: { apiGroup?: string; resource?: string; subresource?: string; namespace?: string; name?: string };
  requestURI?: string;
  responseStatus?: { code?: number };
  latency?: string;
  sourceIPs?: string[];
  userAgent?: string;
}

export function toAuditEvent(event: AuditEventObject): AuditEvent {
  const ref = event.objectRef ?? {};
  return {
    auditID: event.auditID ?? '',
    time: event.stageTimestamp ?? '',
    user: event.user?.username ?? '',
    groups: event.user?.groups ?? [],
    impersonatedUser: event.impersonatedUser?.username,
    verb: event.verb ?? '',
    apiGroup: ref.apiGroup,
    resource: ref.resource,
    subresource: ref.subresource,
    namespace: ref.namespace,
    name: ref.name,
    requestURI: event.requestURI ?? '',
    code: event.responseStatus?.code ?? 0,
    latency: event.latency ?? '',
    sourceIPs: event.sourceIPs ?? [],
    userAgent: event.userAgent,
  };
}

/** The filter as the field selector of auditevents (each value escaped as fields.EscapeValue). */
export function auditFieldSelector(filter: AuditEventFilter): string {
  const terms: [string, string | number | undefined][] = [['user.username', filter.user], ['verb', filter.verb], ['objectRef.resource', filter.resource], ['responseStatus.code', filter.code]];
  return terms.filter(([, value]) => value !== undefined && value !== null && value !== '').map(([field, value]) => `${field}=${escapeFieldValue(String(value))}`).join(',');
}

/**
 * The audit log through the API server's drydock.dev/v1 auditevents, as the caller: RBAC decides which
 * namespaces' events they read (a list across namespaces needs cluster-wide permission).
 */
@Injectable()
export class AuditService {
  async events(ctx: GraphqlContext, filter: AuditEventFilter, limit: number, continueToken: string | undefined): Promise<AuditEventPage> {
    const query: Record<string, string> = { limit: String(limit) };
    const fieldSelector = auditFieldSelector(filter);
    if (fieldSelector) query.fieldSelector = fieldSelector;
    if (continueToken) query.continue = continueToken;
    const list = await ctx.kube.raw<{ items?: AuditEventObject[]; metadata?: { continue?: string } }>({ method: 'GET', path: resourcePath(resources.auditevents, filter.namespace || undefined), query });
    return { items: (list.items ?? []).map(toAuditEvent), continue: list.metadata?.continue || undefined };
  }
}
