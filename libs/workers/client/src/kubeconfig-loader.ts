import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import type { ClientConfig } from './client.types';

interface Kubeconfig {
  clusters?: { name: string; cluster?: Record<string, string> }[];
  users?: { name: string; user?: Record<string, string> }[];
  contexts?: { name: string; context?: { cluster?: string; user?: string } }[];
  'current-context'?: string;
}

/**
 * Reads a kubeconfig as Drydock writes it: the current context's cluster (server and
 * certificate-authority-data or certificate-authority) and user (token or tokenFile).
 * Throws a plain Error naming what is missing.
 */
export function loadKubeconfig(path: string, userAgent: string): ClientConfig {
  const config = parse(readFileSync(path, 'utf8')) as Kubeconfig;
  const context = config.contexts?.find((c) => c.name === config['current-context'])?.context;
  const cluster = (context ? config.clusters?.find((c) => c.name === context.cluster) : config.clusters?.[0])?.cluster;
  const user = (context ? config.users?.find((u) => u.name === context.user) : config.users?.[0])?.user;
  if (!cluster?.server) throw new Error(`kubeconfig ${path}: no cluster with a server`);
  const base = dirname(resolve(path));
  const caCert = cluster['certificate-authority-data'] ? Buffer.from(cluster['certificate-authority-data'], 'base64').toString('utf8') : cluster['certificate-authority'] ? readFileSync(resolve(base, cluster['certificate-authority']), 'utf8') : undefined;
  if (!caCert) throw new Error(`kubeconfig ${path}: the cluster has no certificate-authority-data`);
  const token = user?.token ?? (user?.tokenFile ? readFileSync(resolve(base, user.tokenFile), 'utf8').trim() : undefined);
  if (!token) throw new Error(`kubeconfig ${path}: the user has no token`);
  return { server: cluster.server.replace(/\/+$/, ''), token, caCert, userAgent };
}
