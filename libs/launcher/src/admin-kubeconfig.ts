import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ensurePki, hashToken, renderKubeconfig } from '@drydock/api/src/security';

export interface AdminAccess {
  kubeconfigPath: string;
  caCert: string;
  server: string;
  /** The admin's bearer token, read back from the kubeconfig (only its hash is stored elsewhere). */
  token: string;
}

/**
 * Certificates on first start, and the admin kubeconfig. The admin token is stored only as a hash;
 * when the kubeconfig is missing (deleted, or first start) a new token replaces the old one.
 */
export function ensureAdminAccess(dataDir: string, server: string, hostnames: string[] = []): AdminAccess {
  const { files, credentials } = ensurePki(dataDir, hostnames);
  const kubeconfigPath = join(dataDir, 'kubeconfig');
  if (!existsSync(kubeconfigPath)) {
    const token = randomBytes(32).toString('base64url');
    writeFileSync(files.adminTokenHashFile, hashToken(token), { mode: 0o600 });
    writeFileSync(kubeconfigPath, renderKubeconfig({ server, caCert: credentials.caCert, token }), { mode: 0o600 });
  }
  const kubeconfig = parse(readFileSync(kubeconfigPath, 'utf8')) as { users?: { user?: { token?: string } }[] };
  return { kubeconfigPath, caCert: credentials.caCert, server, token: kubeconfig.users?.[0]?.user?.token ?? '' };
}
