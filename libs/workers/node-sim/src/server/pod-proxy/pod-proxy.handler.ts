import { request as httpRequest } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PodWorkers } from '../../kubelet/pod-workers.service';
import { KubeletError } from '../kubelet-error';
import { dialPod } from '../port-forward/pod-servers';

/** The header that marks a failed dial (as opposed to the pod's own error answer). */
export const DIAL_ERROR_HEADER = 'x-drydock-dial-error';

const PREFIX = '/podProxy/';

export function isPodProxyPath(url: string | undefined): boolean {
  return (url ?? '').startsWith(PREFIX);
}

/**
 * `ANY /podProxy/{namespace}/{pod}/{port}/{path…}`: the pod network as the API server reaches it for
 * pods/proxy and services/proxy (upstream's API server dials the pod's IP itself; here the pods' servers
 * live in the node simulator, so the kubelet server carries the request there). The request is replayed
 * to what listens on the port in the pod (pod-servers) and the answer streamed back untouched. A dial
 * that fails answers 502 with the Go dialer's words in DIAL_ERROR_HEADER
 * (`dial tcp 10.244.1.5:8080: connect: connection refused`), for the API server to wrap.
 */
export function handlePodProxy(workers: PodWorkers, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://kubelet');
  const [namespace, name, portText, ...rest] = url.pathname.slice(PREFIX.length).split('/');
  const entry = namespace && name ? workers.find(decodeURIComponent(namespace), decodeURIComponent(name)) : undefined;
  if (!entry) throw new KubeletError(404, 'NotFound', `pods "${decodeURIComponent(name ?? '')}" not found`);
  const port = Number(portText);
  const podIP = entry.runtime?.podIP ?? '';
  const containers = (entry.runtime?.containers ?? []).map((c) => ({ image: c.spec.image ?? '', running: !!c.running }));
  const socket = entry.node.active ? dialPod(containers, port) : undefined;
  if (!socket) return dialFailed(res, `dial tcp ${podIP}:${port}: connect: ${entry.node.active ? 'connection refused' : 'no route to host'}`);
  const headers = { ...req.headers };
  delete headers.authorization;
  const forwarded = httpRequest({ createConnection: () => socket as never, method: req.method, path: `/${rest.join('/')}${url.search}`, headers: { ...headers, host: `${podIP}:${port}` } }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
    answer.pipe(res);
  });
  forwarded.on('error', (error) => (res.headersSent ? res.destroy() : dialFailed(res, `read tcp ${podIP}:${port}: ${error.message}`)));
  req.pipe(forwarded);
}

function dialFailed(res: ServerResponse, message: string): void {
  res.writeHead(502, { [DIAL_ERROR_HEADER]: message, 'Content-Type': 'text/plain' });
  res.end(`${message}\n`);
}
