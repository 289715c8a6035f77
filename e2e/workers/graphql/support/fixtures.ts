import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import * as https from 'node:https';
import { parse } from 'yaml';
import type { GraphqlTestClient } from './graphql-test-client';
import { KubeClient, resources } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import { eventually } from '../../support/use-drydock';

export async function createNamespace(client: KubeClient, name: string): Promise<void> {
  await client.create(resources.namespaces, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}

export const deployment = (name: string, image: string, replicas = 2, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: { app: name } },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image, resources: { requests: { cpu: '100m', memory: '64Mi' } } }] } },
    ...extra,
  },
});

interface DeploymentStatus {
  metadata: KubeObject['metadata'];
  spec?: { replicas?: number };
  status?: { observedGeneration?: number; updatedReplicas?: number; availableReplicas?: number; replicas?: number };
}

/** Waits until the Deployment's rollout is complete (kubectl rollout status). */
export async function rolledOut(client: KubeClient, namespace: string, name: string, timeoutMs = 60_000): Promise<void> {
  await eventually(`deployment ${namespace}/${name} rolled out`, async () => {
    const d = (await client.get(resources.deployments, namespace, name)) as unknown as DeploymentStatus | null;
    const want = d?.spec?.replicas ?? 1;
    const s = d?.status ?? {};
    return !!d && s.observedGeneration === d.metadata.generation && s.updatedReplicas === want && s.availableReplicas === want && s.replicas === want;
  }, timeoutMs);
}

export async function runningPods(client: KubeClient, namespace: string, labelSelector: string): Promise<KubeObject[]> {
  return (await client.list(resources.pods, { namespace, labelSelector })).items.filter((pod) => (pod.status as { phase?: string } | undefined)?.phase === 'Running' && !pod.metadata.deletionTimestamp);
}

/** A fresh token of `user` from POST users/NAME/kubeconfig (as the admin), the way a user gets their kubeconfig. */
export function userToken(gql: GraphqlTestClient, user: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const url = new URL(`/apis/drydock.dev/v1/users/${user}/kubeconfig`, gql.server);
    const req = https.request(url, { method: 'POST', ca: gql.caCert, headers: { Authorization: `Bearer ${gql.token}`, 'Content-Type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        const token = (parse(text) as { users?: { user?: { token?: string } }[] } | null)?.users?.[0]?.user?.token;
        if (res.statusCode === 201 && token) resolve(token);
        else reject(new Error(`users/${user}/kubeconfig answered ${res.statusCode}: ${text.slice(0, 300)}`));
      });
    });
    req.on('error', reject);
    req.end('{}');
  });
}

/** The TCP sockets (/proc/net/tcp and tcp6) by inode: local and remote port. */
function tcpSockets(): Map<string, { localPort: number; remotePort: number }> {
  const sockets = new Map<string, { localPort: number; remotePort: number }>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10) continue;
      const port = (address: string) => parseInt(address.split(':')[1], 16);
      sockets.set(fields[9], { localPort: port(fields[1]), remotePort: port(fields[2]) });
    }
  }
  return sockets;
}

/**
 * The connections process `pid` holds as a client of `port`: for the API server and its own port, a
 * loopback (GraphQL calling its REST API over HTTPS). Reads /proc (Linux), as `ss -p` does.
 */
export function clientConnectionsTo(pid: number, port: number): number {
  const sockets = tcpSockets();
  let count = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    let target: string;
    try {
      target = readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue;
    }
    const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
    const socket = inode ? sockets.get(inode) : undefined;
    if (socket && socket.remotePort === port && socket.localPort !== port) count++;
  }
  return count;
}
