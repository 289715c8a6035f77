import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { RequestInfo } from '../http/request-info';
import type { UserInfo } from '../rest/request-context';
import type { AuditRow } from './audit-table.sink';

export interface AuditEntry {
  method: string;
  /** The request's URL (path and query); credentials in the query are removed before recording. */
  url: URL;
  /** Undefined for a request that failed authentication (recorded with its 401, as upstream's failed-authentication audit). */
  user?: UserInfo;
  /** Who authenticated, when it differs from `user` (impersonation): upstream records it as user and `user` as impersonatedUser. */
  requestor?: UserInfo;
  /** Upstream's sourceIPs: X-Forwarded-For, X-Real-Ip, then the connection's address. */
  sourceIps?: string[];
  info?: RequestInfo;
  code: number;
  latencyMs: number;
  userAgent?: string;
  /** The request's Audit-ID (the `Audit-Id` response header). */
  auditId?: string;
  /** The name of the object the response carries, for a create whose URL names none (generateName). */
  responseObjectName?: string;
}

/**
 * WithAuditInit: the request's audit ID is the client's `Audit-ID` header when it sent one, else a new
 * UUID; it is answered in the `Audit-Id` response header and recorded with the request.
 */
export function initAuditId(req: IncomingMessage, res: ServerResponse): string {
  const sent = req.headers['audit-id'];
  const auditId = typeof sent === 'string' && sent.trim() ? sent.trim() : randomUUID();
  res.setHeader('Audit-Id', auditId);
  return auditId;
}

const responseObjectNames = new WeakMap<ServerResponse, string>();

/** audit.LogResponseObject's part the Metadata level keeps: the name of the object a create made. */
export function recordResponseObjectName(res: ServerResponse, name: string | undefined): void {
  if (name) responseObjectNames.set(res, name);
}

export function responseObjectName(res: ServerResponse): string | undefined {
  return responseObjectNames.get(res);
}

/** utilnet.SourceIPs: the forwarded chain, X-Real-Ip, then the peer's address unless it already ends the list. */
export function sourceIps(req: IncomingMessage): string[] {
  const header = (name: string) => String(req.headers[name] ?? '');
  const ips = header('x-forwarded-for').split(',').map((ip) => ip.trim()).filter(Boolean);
  const realIp = header('x-real-ip').trim();
  if (realIp && !ips.includes(realIp)) ips.push(realIp);
  const remote = req.socket?.remoteAddress?.replace(/^::ffff:/, '');
  if (remote && ips[ips.length - 1] !== remote) ips.push(remote);
  return ips;
}

/** Query parameters that can carry a credential (a WebSocket client's `access_token`, a sign-in link's `token`). */
const credentialParameter = /token|password|secret|credential|auth/i;

/** The request URI as the audit keeps it: the path and the query without any credential-bearing parameter. */
export function auditRequestUri(url: URL): string {
  const query = new URLSearchParams([...url.searchParams].filter(([name]) => !credentialParameter.test(name)));
  const text = query.toString();
  return text ? `${url.pathname}?${text}` : url.pathname;
}

/**
 * Metadata-level audit (upstream's `Metadata` level): who did what to which object, and the answer,
 * to the log and to the audit table. Never request or response bodies, so a secret's data, a token
 * or a password cannot reach either.
 */
export class AuditLog {
  constructor(
    private readonly logger: Logger,
    private readonly table?: { add(row: AuditRow): void },
  ) {}

  record(entry: AuditEntry): void {
    const verb = entry.info?.verb ?? entry.method.toLowerCase();
    const requestURI = auditRequestUri(entry.url);
    const latencyMs = Math.round(entry.latencyMs * 10) / 10;
    const requestor = entry.requestor ?? entry.user;
    const impersonated = entry.requestor ? entry.user : undefined;
    const time = new Date();
    const name = entry.info?.name || entry.responseObjectName || '';
    this.logger.info({
      auditID: entry.auditId,
      stage: 'ResponseComplete',
      verb,
      requestURI,
      user: requestor?.name,
      impersonatedUser: impersonated?.name,
      objectRef: entry.info && { resource: entry.info.resource, namespace: entry.info.namespace || undefined, name: name || undefined, apiGroup: entry.info.group || undefined, subresource: entry.info.subresource || undefined },
      code: entry.code,
      latencyMs,
      userAgent: entry.userAgent,
    });
    this.table?.add({
      time,
      receivedAt: new Date(time.getTime() - Math.round(entry.latencyMs)),
      userName: requestor?.name ?? '',
      groups: requestor?.groups ?? [],
      impersonatedUserName: impersonated?.name ?? null,
      impersonatedGroups: impersonated?.groups ?? [],
      sourceIps: entry.sourceIps ?? [],
      cluster: entry.info?.cluster ?? 'default',
      verb,
      apiGroup: entry.info?.group ?? '',
      resource: entry.info?.resource ?? '',
      subresource: entry.info?.subresource ?? '',
      namespace: entry.info?.namespace ?? '',
      name,
      requestUri: requestURI,
      code: entry.code,
      latencyMs,
      userAgent: entry.userAgent ?? '',
    });
  }
}
