import type { KubeObject } from '@drydock/util';
import { usageFamily } from '../../runtime/resource-usage.model';
import type { ClusterNetwork, Destination } from '../../kubelet/cluster-network';

/** What nginx 1.2x serves at / (615 bytes, byte for byte). */
export const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const HTTPD_WELCOME = '<html><body><h1>It works!</h1></body></html>\n';

/** php-apache of the HPA walkthrough (registry.k8s.io/hpa-example): index.php burns CPU, then says so. */
const HPA_EXAMPLE_PAGE = 'OK!';

/** The port each well-known server image listens on, and what it answers. */
const SERVERS: Record<string, { port: number; page?: string }> = {
  nginx: { port: 80, page: NGINX_WELCOME },
  httpd: { port: 80, page: HTTPD_WELCOME },
  'hpa-example': { port: 80, page: HPA_EXAMPLE_PAGE },
  redis: { port: 6379 },
  postgres: { port: 5432 },
  mysql: { port: 3306 },
  mongo: { port: 27017 },
  memcached: { port: 11211 },
};

export function serverOf(image: string): { known: string; port: number; page?: string } | undefined {
  // ingress-nginx's controller: it answers on 80 by routing each request (see http-exchange).
  if (/(^|\/)ingress-nginx\/controller(:|@|$)/.test(image)) return { known: 'ingress-nginx', port: 80, page: '' };
  const known = usageFamily(image);
  return SERVERS[known] ? { known, ...SERVERS[known] } : undefined;
}

/** The facts a network command needs about the container it runs in. */
export interface NetworkCommandContext {
  network: ClusterNetwork;
  namespace: string;
  /** The container's own image (for localhost). */
  image: string;
  /** The pod the command runs in: the source NetworkPolicy judges (absent: nothing is filtered). */
  pod?: () => KubeObject | undefined;
}

/**
 * How long the resolver waits before giving up on an unanswered cluster DNS (resolv.conf's default
 * `timeout:5 attempts:2`), and how long Linux keeps retrying a SYN nobody answers (tcp_syn_retries=6:
 * 1+2+4+8+16+32+64 s) before connect() fails with ETIMEDOUT.
 */
export const DNS_TIMEOUT_MS = 10_000;
export const CONNECT_TIMEOUT_MS = 127_000;

export type Connection =
  | { kind: 'unresolved' }
  /** The name's lookup got no answer (DNS unreachable, or its packets dropped by NetworkPolicy). */
  | { kind: 'dns-timeout' }
  /** NetworkPolicy dropped the SYN: no answer at all, the client waits for its timeout. */
  | { kind: 'dropped'; destination: Destination }
  | { kind: 'refused'; destination: Destination }
  | { kind: 'open'; destination: Destination; server: { known: string; port: number; page?: string } };

/**
 * Connects to host:port as the cluster would route it: a Service port to one of its ready backends in
 * turn (kube-proxy's round robin), or a pod's own address. An open connection counts as a request to
 * the backend pod (its simulated CPU usage follows the load).
 */
export function connect(context: NetworkCommandContext, host: string, port: number): Connection {
  if (host === 'localhost' || host === '127.0.0.1') {
    const destination = { fqdn: host, address: '127.0.0.1' };
    const server = serverOf(context.image);
    return server && server.port === port ? { kind: 'open', destination, server } : { kind: 'refused', destination };
  }
  const source = context.pod?.();
  if (!IPV4.test(host) && !context.network.dnsAnswers(source)) return { kind: 'dns-timeout' };
  const destination = context.network.resolve(host, context.namespace);
  if (!destination) return { kind: 'unresolved' };
  const target = destination.service ? serviceTarget(context.network, destination, port) : { ...(destination.pod ?? { ip: destination.address, image: '' }), port };
  if (target && !context.network.allows(source, target, target.port)) return { kind: 'dropped', destination };
  const server = target && serverOf(target.image);
  if (!server || server.port !== target.port) return { kind: 'refused', destination };
  context.network.delivered(target.ip);
  return { kind: 'open', destination, server };
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function serviceTarget(network: ClusterNetwork, destination: Destination, port: number): { ip: string; image: string; pod?: KubeObject; port: number } | undefined {
  const servicePort = destination.service!.ports.find((p) => p.port === port);
  const backend = network.nextBackend(destination);
  if (!servicePort || !backend) return undefined;
  const server = serverOf(backend.image);
  const named = typeof servicePort.targetPort === 'string' ? containerPortNamed(backend.pod, servicePort.targetPort) ?? server?.port : undefined;
  const targetPort = typeof servicePort.targetPort === 'number' ? servicePort.targetPort : servicePort.targetPort ? named : port;
  return { ip: backend.ip, image: backend.image, pod: backend.pod, port: targetPort ?? port };
}

function containerPortNamed(pod: KubeObject | undefined, name: string): number | undefined {
  const containers = (pod?.spec as { containers?: Array<{ ports?: Array<{ name?: string; containerPort: number }> }> } | undefined)?.containers ?? [];
  return containers.flatMap((container) => container.ports ?? []).find((port) => port.name === name)?.containerPort;
}

/** Waits as the client would, on the shell's simulated clock (`sleep`'s); no clock, no wait. */
export async function waitSimulated(ctx: { sleep?: (ms: number) => Promise<void> }, ms: number): Promise<void> {
  await ctx.sleep?.(ms);
}

/** `http://host:port/path` (scheme optional) into its parts. */
export function parseUrl(url: string): { host: string; port: number; path: string } | undefined {
  const match = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([^#]*)/.exec(url);
  if (!match) return undefined;
  return { host: match[2], port: Number(match[3] ?? (match[1] === 'https' ? 443 : 80)), path: match[4] || '/' };
}
