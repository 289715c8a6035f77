import { createHmac, timingSafeEqual } from 'node:crypto';

/** The prefix of a node's token (the user-token authenticator passes over it without a lookup). */
const prefix = 'drydock_n_';

/** The node a token names, and the logical cluster it belongs to. */
export interface NodeTokenSubject {
  cluster: string;
  node: string;
}

function mac(key: string, payload: string): Buffer {
  return createHmac('sha256', key).update(payload).digest();
}

/**
 * A kubelet's credential for one node of one logical cluster: `drydock_n_<cluster/node>.<HMAC-SHA256>`
 * under the data directory's node-credential key (`pki/node-credentials.key`), which the API server
 * and the node simulator hold (the simulator runs every kubelet, as kubeadm would give each its own
 * kubelet.conf). Nothing is stored per token: it stands for `system:node:<node>` in that cluster only.
 */
export function signNodeToken(key: string, subject: NodeTokenSubject): string {
  const payload = Buffer.from(`${subject.cluster}/${subject.node}`).toString('base64url');
  return `${prefix}${payload}.${mac(key, payload).toString('base64url')}`;
}

/** The subject of a token signed with `key`; undefined for any other string (never throws). */
export function verifyNodeToken(key: string, token: string): NodeTokenSubject | undefined {
  if (!token.startsWith(prefix)) return undefined;
  const [payload, signature, extra] = token.slice(prefix.length).split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const expected = mac(key, payload);
  const actual = Buffer.from(signature, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return undefined;
  const text = Buffer.from(payload, 'base64url').toString('utf8');
  const slash = text.indexOf('/');
  if (slash <= 0 || slash === text.length - 1) return undefined;
  return { cluster: text.slice(0, slash), node: text.slice(slash + 1) };
}
