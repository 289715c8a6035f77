import { verifyNodeToken } from '@drydock/util';
import type { UserInfo } from '../../rest/request-context';
import { CREDENTIAL_CLUSTER_EXTRA, type TokenAuthenticator } from '../authentication';

const nodeUserPrefix = 'system:node:';
export const nodesGroup = 'system:nodes';

/** nodeidentifier.NodeIdentity: the node a user is (`system:node:<name>` in `system:nodes`), or undefined. */
export function nodeIdentity(user: UserInfo): string | undefined {
  if (!user.name.startsWith(nodeUserPrefix) || !user.groups.includes(nodesGroup)) return undefined;
  return user.name.slice(nodeUserPrefix.length);
}

/** A kubelet's token (`signNodeToken` of @drydock/util): `system:node:<name>`, in its cluster only. */
export class NodeTokenAuthenticator implements TokenAuthenticator {
  constructor(private readonly key: string) {}

  async authenticateToken(token: string): Promise<UserInfo | undefined> {
    const subject = this.key ? verifyNodeToken(this.key, token) : undefined;
    if (!subject) return undefined;
    return { name: nodeUserPrefix + subject.node, groups: [nodesGroup, 'system:authenticated'], extra: { [CREDENTIAL_CLUSTER_EXTRA]: [subject.cluster] } };
  }
}
