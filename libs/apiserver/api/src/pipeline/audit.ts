import type { Logger } from 'pino';
import type { RequestInfo } from '../http/request-info';
import type { UserInfo } from '../rest/request-context';

/**
 * Metadata-level audit (upstream's `Metadata` level): who did what to which object, and the answer.
 * Never request or response bodies, so secrets cannot leak into the log.
 */
export class AuditLog {
  constructor(private readonly logger: Logger) {}

  record(entry: { method: string; path: string; user?: UserInfo; info?: RequestInfo; code: number; latencyMs: number; userAgent?: string }): void {
    this.logger.info({
      stage: 'ResponseComplete',
      verb: entry.info?.verb ?? entry.method.toLowerCase(),
      requestURI: entry.path,
      user: entry.user?.name,
      objectRef: entry.info && { resource: entry.info.resource, namespace: entry.info.namespace || undefined, name: entry.info.name || undefined, apiGroup: entry.info.group || undefined, subresource: entry.info.subresource || undefined },
      code: entry.code,
      latencyMs: Math.round(entry.latencyMs * 10) / 10,
      userAgent: entry.userAgent,
    });
  }
}
