import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { knownTokenLine, pkiFiles, renderKubeconfig } from '@drydock/api/src/security';

/** A control-plane component's identity, as kubeadm's kubeconfig phase gives it one. */
interface ComponentIdentity {
  /** The worker app the kubeconfig is for. */
  app: string;
  /** kubeadm's file name under /etc/kubernetes (here: the data directory). */
  file: string;
  user: string;
  groups: string[];
}

/**
 * The components' identities: the scheduler and the controller-manager as kubeadm's scheduler.conf and
 * controller-manager.conf name them (the controller-manager then runs each controller as its
 * ServiceAccount, --use-service-account-credentials); the node simulator as Drydock's own component.
 */
export const componentIdentities: ComponentIdentity[] = [
  { app: 'scheduler', file: 'scheduler.conf', user: 'system:kube-scheduler', groups: [] },
  { app: 'controller-manager', file: 'controller-manager.conf', user: 'system:kube-controller-manager', groups: [] },
  { app: 'node-sim', file: 'node-simulator.conf', user: 'system:drydock:node-simulator', groups: [] },
];

/**
 * `kubeadm init phase kubeconfig` for Drydock's workers: a kubeconfig per component under the data
 * directory, each with a fresh token of its own, and `pki/known-tokens.csv` holding only the tokens'
 * SHA-256 (read by the API server at start, as upstream's --token-auth-file). Made again whenever one
 * of them is missing, so a deleted kubeconfig gets a new token and the old one stops working.
 * Returns each app's kubeconfig path.
 */
export function ensureComponentKubeconfigs(dataDir: string, server: string, caCert: string): Record<string, string> {
  const files = pkiFiles(dataDir);
  const paths = Object.fromEntries(componentIdentities.map((identity) => [identity.app, join(dataDir, identity.file)]));
  if (existsSync(files.knownTokensFile) && Object.values(paths).every((path) => existsSync(path))) return paths;
  const lines: string[] = [];
  for (const identity of componentIdentities) {
    const token = randomBytes(32).toString('base64url');
    lines.push(knownTokenLine(token, identity.user, identity.groups));
    writeFileSync(paths[identity.app], renderKubeconfig({ server, caCert, token, clusterName: 'drydock', userName: identity.user }), { mode: 0o600 });
  }
  writeFileSync(files.knownTokensFile, `${lines.join('\n')}\n`, { mode: 0o600 });
  return paths;
}
