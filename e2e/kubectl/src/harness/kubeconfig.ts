import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';

/** What a client needs to talk to the API server the way kubectl does. */
export interface AdminCredentials {
  server: string;
  ca: Buffer;
  token: string;
}

interface Kubeconfig {
  'current-context'?: string;
  clusters?: { name: string; cluster: { server: string; 'certificate-authority-data'?: string; 'certificate-authority'?: string } }[];
  contexts?: { name: string; context: { cluster: string; user: string } }[];
  users?: { name: string; user: { token?: string } }[];
}

/** Reads the server URL, CA and bearer token of the kubeconfig's current context. */
export function readAdminCredentials(kubeconfigPath: string): AdminCredentials {
  const config = parse(fs.readFileSync(kubeconfigPath, 'utf8')) as Kubeconfig;
  const context = config.contexts?.find((c) => c.name === config['current-context']) ?? config.contexts?.[0];
  const cluster = config.clusters?.find((c) => c.name === context?.context.cluster) ?? config.clusters?.[0];
  const user = config.users?.find((u) => u.name === context?.context.user) ?? config.users?.[0];
  if (!cluster || !user?.user.token) throw new Error(`kubeconfig ${kubeconfigPath} has no cluster or no user token`);
  return { server: cluster.cluster.server, ca: readCa(cluster.cluster, path.dirname(kubeconfigPath)), token: user.user.token };
}

function readCa(cluster: { 'certificate-authority-data'?: string; 'certificate-authority'?: string }, baseDir: string): Buffer {
  if (cluster['certificate-authority-data']) return Buffer.from(cluster['certificate-authority-data'], 'base64');
  if (cluster['certificate-authority']) return fs.readFileSync(path.resolve(baseDir, cluster['certificate-authority']));
  throw new Error('kubeconfig cluster has no certificate authority');
}

/** Writes a copy of a kubeconfig whose users all carry `token` instead of their own. */
export function writeKubeconfigWithToken(source: string, destination: string, token: string): void {
  const config = parse(fs.readFileSync(source, 'utf8')) as Kubeconfig;
  for (const user of config.users ?? []) user.user = { ...user.user, token };
  fs.writeFileSync(destination, stringify(config));
}
