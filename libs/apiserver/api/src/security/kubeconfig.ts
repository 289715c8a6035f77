import { stringify } from 'yaml';

export interface KubeconfigInput {
  server: string;
  caCert: string;
  token: string;
  clusterName?: string;
  userName?: string;
}

/** The admin kubeconfig `npm start` writes: one cluster with the CA inline, one user with a bearer token. */
export function renderKubeconfig(input: KubeconfigInput): string {
  return stringify(kubeconfigObject(input));
}

/** A kubeconfig (clientcmd v1 Config) as an object: what users/NAME/kubeconfig answers, in YAML. */
export function kubeconfigObject(input: KubeconfigInput): Record<string, unknown> {
  const cluster = input.clusterName ?? 'drydock';
  const user = input.userName ?? 'drydock-admin';
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: cluster, cluster: { server: input.server, 'certificate-authority-data': Buffer.from(input.caCert).toString('base64') } }],
    users: [{ name: user, user: { token: input.token } }],
    contexts: [{ name: cluster, context: { cluster, user, namespace: 'default' } }],
    'current-context': cluster,
    preferences: {},
  };
}
