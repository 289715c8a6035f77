import type { IncomingMessage } from 'node:http';
import { StatusError } from '@drydock/util';
import { tokenMatches } from '../security/pki';
import type { UserInfo } from '../rest/request-context';

/** Authenticates a request's bearer token; teams and their tokens come in a later stage of Drydock. */
export interface Authenticator {
  authenticate(req: IncomingMessage): UserInfo | undefined;
}

/** The admin token from the kubeconfig, checked against its stored SHA-256 hash. */
export class AdminTokenAuthenticator implements Authenticator {
  constructor(private readonly adminTokenHash: string) {}

  authenticate(req: IncomingMessage): UserInfo | undefined {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match || !tokenMatches(match[1], this.adminTokenHash)) return undefined;
    return { name: 'drydock-admin', groups: ['system:masters', 'system:authenticated'] };
  }
}

/** Paths upstream serves to anonymous users (system:public-info-viewer). */
const publicPaths = new Set(['/healthz', '/livez', '/readyz', '/version', '/version/']);

export function isPublicPath(path: string): boolean {
  return publicPaths.has(path) || path.startsWith('/healthz/') || path.startsWith('/livez/') || path.startsWith('/readyz/');
}

export function authenticate(authenticator: Authenticator, req: IncomingMessage): UserInfo {
  const user = authenticator.authenticate(req);
  if (!user) throw StatusError.unauthorized();
  return user;
}
