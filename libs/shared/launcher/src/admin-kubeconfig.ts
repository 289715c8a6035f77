import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePki, hashToken, renderKubeconfig } from '@drydock/api';

export interface AdminAccess {
  kubeconfigPath: string;
  caCert: string;
  server: string;
}

/**
 * Certificates on first start, and the admin kubeconfig. The admin token is stored only as a hash;
 * when the kubeconfig is missing (deleted, or first start) a new token replaces the old one.
 */
export function ensureAdminAccess(dataDir: string, server: string): AdminAccess {
  const { files, credentials } = ensurePki(dataDir);
  const kubeconfigPath = join(dataDir, 'kubeconfig');
  if (!existsSync(kubeconfigPath)) {
    const token = randomBytes(32).toString('base64url');
    writeFileSync(files.adminTokenHashFile, hashToken(token), { mode: 0o600 });
    writeFileSync(kubeconfigPath, renderKubeconfig({ server, caCert: credentials.caCert, token }), { mode: 0o600 });
  }
  return { kubeconfigPath, caCert: credentials.caCert, server };
}
