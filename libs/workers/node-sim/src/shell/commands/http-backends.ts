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
  const known = usageFamily(image);
  return SERVERS[known] ? { known, ...SERVERS[known] } : undefined;
}

/** The facts a network command needs about the container it runs in. */
export interface NetworkCommandContext {
  network: ClusterNetwork;
  namespace: string;
  /** The container's own image (for localhost). */
  image: string;
}

export type Connection =
  | { kind: 'unresolved' }
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
  const destination = context.network.resolve(host, context.namespace);
  if (!destination) return { kind: 'unresolved' };
  const target = destination.service ? serviceTarget(context.network, destination, port) : destination.pod ? { ...destination.pod, port } : undefined;
  const server = target && serverOf(target.image);
  if (!server || server.port !== target.port) return { kind: 'refused', destination };
  context.network.delivered(target.ip);
  return { kind: 'open', destination, server };
}

function serviceTarget(network: ClusterNetwork, destination: Destination, port: number): { ip: string; image: string; port: number } | undefined {
  const servicePort = destination.service!.ports.find((p) => p.port === port);
  const backend = network.nextBackend(destination);
  if (!servicePort || !backend) return undefined;
  const server = serverOf(backend.image);
  const targetPort = typeof servicePort.targetPort === 'number' ? servicePort.targetPort : servicePort.targetPort ? server?.port : port;
  return { ip: backend.ip, image: backend.image, port: targetPort ?? port };
}

/** `http://host:port/path` (scheme optional) into its parts. */
export function parseUrl(url: string): { host: string; port: number; path: string } | undefined {
  const match = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([^#]*)/.exec(url);
  if (!match) return undefined;
  return { host: match[2], port: Number(match[3] ?? (match[1] === 'https' ? 443 : 80)), path: match[4] || '/' };
}
