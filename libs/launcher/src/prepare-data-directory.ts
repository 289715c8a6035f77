import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureAdminAccess } from './admin-kubeconfig';
import { ensureComponentKubeconfigs } from './component-kubeconfigs';

/** `drydock init`'s settings (docs/configuration.md): what the data directory's credentials must name. */
export interface DataDirectoryOptions {
  dataDir: string;
  /** The API servers' address as the workers and the dashboard reach it (a load balancer's), written in their kubeconfigs. */
  server: string;
  /** The admin kubeconfig's server, where a user outside reaches the API (default: `server`). */
  adminServer?: string;
  /** Extra DNS names and IP addresses of the API servers' serving certificate (the load balancer's name is added). */
  hostnames: string[];
}

export function dataDirectoryOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DataDirectoryOptions {
  const server = env.DRYDOCK_API_SERVER || `https://127.0.0.1:${env.DRYDOCK_API_PORT ?? 6443}`;
  const hostnames = (env.DRYDOCK_API_CERT_SANS ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  return { dataDir: resolve(env.DRYDOCK_DATA_DIR ?? join(process.cwd(), '.drydock')), server, adminServer: env.DRYDOCK_ADMIN_API_SERVER || undefined, hostnames };
}

/**
 * `kubeadm init phase certs` and `phase kubeconfig` for Drydock's processes when they do not share one
 * machine (docker/compose.yaml): the CA, a serving certificate valid for the load balancer's name, the
 * tokens' hashes, the admin kubeconfig and the workers' kubeconfigs, all under `dataDir`. Idempotent:
 * what exists is kept (a certificate is not re-issued for new names; delete `pki/` to start over).
 */
export function prepareDataDirectory(options: DataDirectoryOptions): { adminKubeconfig: string; componentKubeconfigs: Record<string, string> } {
  mkdirSync(options.dataDir, { recursive: true });
  const serverHost = new URL(options.server).hostname.replace(/^\[(.*)\]$/, '$1');
  const admin = ensureAdminAccess(options.dataDir, options.adminServer ?? options.server, [...new Set([serverHost, ...options.hostnames])]);
  const componentKubeconfigs = ensureComponentKubeconfigs(options.dataDir, options.server, admin.caCert);
  return { adminKubeconfig: admin.kubeconfigPath, componentKubeconfigs };
}
