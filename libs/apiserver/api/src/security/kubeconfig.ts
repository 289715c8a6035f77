import { stringify } from 'yaml';

export interface KubeconfigInput {
  server: string;
  caCert: string;
  token: string;
  clusterName?: string;
  userName?: string;
  /** Sandbox clusters to add a context for each: `<clusterName>-<sandbox>`, served at `<server>/clusters/<sandbox>`. */
  sandboxes?: string[];
}

/** The admin kubeconfig `npm start` writes: one cluster with the CA inline, one user with a bearer token. */
export function renderKubeconfig(input: KubeconfigInput): string {
  return stringify(kubeconfigObject(input));
}

/** A kubeconfig (clientcmd v1 Config) as an object: what users/NAME/kubeconfig answers, in YAML. */
export function kubeconfigObject(input: KubeconfigInput): Record<string, unknown> {
  const cluster = input.clusterName ?? 'drydock';
  const user = input.userName ?? 'drydock-admin';
  const ca = Buffer.from(input.caCert).toString('base64');
  const sandboxes = (input.sandboxes ?? []).map((name) => ({ name: `${cluster}-${name}`, server: `${input.server}/clusters/${name}` }));
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: cluster, server: input.server }, ...sandboxes].map((entry) => ({ name: entry.name, cluster: { server: entry.server, 'certificate-authority-data': ca } })),
    users: [{ name: user, user: { token: input.token } }],
    contexts: [cluster, ...sandboxes.map((entry) => entry.name)].map((name) => ({ name, context: { cluster: name, user, namespace: 'default' } })),
    'current-context': cluster,
    preferences: {},
  };
}
