import { connect, Connection, NetworkCommandContext } from './http-backends';
import { routeIngress } from '../../kubelet/ingress-routes';

/** One HTTP answer as a client prints it. */
export interface HttpAnswer {
  status: number;
  reason: string;
  server: string;
  body: string;
}

/** nginx's own error page (CRLF line ends, as nginx writes it), signed as ingress-nginx signs it. */
function nginxErrorPage(status: number, reason: string, signature = 'nginx'): string {
  return `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>${signature}</center>\r\n</body>\r\n</html>\r\n`;
}

const answer = (status: number, reason: string, server: string, body: string): HttpAnswer => ({ status, reason, server, body });

/**
 * A GET of `path` with the Host header `host` over an open connection: a server image's page at `/`
 * (404 elsewhere), or, at ingress-nginx's controller, the request routed as its Ingresses say to
 * the backend Service (its answer), 404 from the default backend when no rule matches, 503 when the
 * backend has no endpoint.
 */
export function exchange(context: NetworkCommandContext, connection: Extract<Connection, { kind: 'open' }>, host: string, path: string, hops = 0): HttpAnswer {
  const { server } = connection;
  if (server.known === 'ingress-nginx' && hops < 4) return throughIngress(context, host, path, hops);
  const page = server.page ?? '';
  const found = path.split('?')[0] === '/' || path.split('?')[0] === '/index.html';
  return found ? answer(200, 'OK', server.known, page) : answer(404, 'Not Found', server.known, nginxErrorPage(404, 'Not Found'));
}

function throughIngress(context: NetworkCommandContext, host: string, path: string, hops: number): HttpAnswer {
  const backend = routeIngress(context.network.ingressNginxIngresses(), host, path);
  if (!backend) return answer(404, 'Not Found', 'nginx', nginxErrorPage(404, 'Not Found'));
  const name = `${backend.service}.${backend.namespace}`;
  const service = context.network.resolve(name, backend.namespace)?.service;
  const port = typeof backend.port === 'number' ? backend.port : service?.ports.find((p) => p.name === backend.port)?.port;
  const connection = port === undefined ? undefined : connect({ ...context, namespace: backend.namespace, pod: undefined }, name, port);
  if (connection?.kind !== 'open') return answer(503, 'Service Temporarily Unavailable', 'nginx', nginxErrorPage(503, 'Service Temporarily Unavailable'));
  const inner = exchange(context, connection, host, path, hops + 1);
  return { ...inner, server: 'nginx' };
}
