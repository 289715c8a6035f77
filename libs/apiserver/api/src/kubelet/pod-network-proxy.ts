import { request as httpRequest } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StatusError } from '@drydock/util';

/** The header the node simulator's /podProxy sets when it could not connect to the pod's port. */
const DIAL_ERROR_HEADER = 'x-drydock-dial-error';

export interface PodNetworkTarget {
  /** The simulated kubelet serving the pod's node. */
  endpoint: string;
  namespace: string;
  pod: string;
  podIP: string;
  port: number;
}

/**
 * Sends the request on to `path` at the pod's address and port through the node simulator (where the
 * pods' servers live) and streams the answer back untouched, as upstream's UpgradeAwareHandler does
 * with the pod's IP. A failed dial is upstream's proxy transport error: 503 `error trying to reach
 * service: dial tcp IP:PORT: connect: connection refused`. The caller's credentials are not passed on.
 */
export function proxyToPod(req: IncomingMessage, res: ServerResponse, target: PodNetworkTarget, path: string, kubeletToken: string): Promise<void> {
  const search = new URL(req.url ?? '/', 'http://apiserver').search;
  const headers = { ...req.headers, authorization: `Bearer ${kubeletToken}` };
  delete headers.host;
  // The endpoint may carry a path (a node simulator serving several clusters on one port).
  const url = `${target.endpoint.replace(/\/+$/, '')}/podProxy/${encodeURIComponent(target.namespace)}/${encodeURIComponent(target.pod)}/${target.port}${path}${search}`;
  return new Promise((resolve, reject) => {
    const forwarded = httpRequest(url, { method: req.method, headers }, (answer) => {
      const dialError = answer.headers[DIAL_ERROR_HEADER];
      if (dialError) {
        answer.resume();
        return reject(new StatusError(503, 'ServiceUnavailable', `error trying to reach service: ${String(dialError)}`));
      }
      res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
      answer.pipe(res);
      answer.on('end', resolve);
      answer.on('error', () => resolve());
    });
    forwarded.on('error', (error) => (res.headersSent ? resolve() : reject(new StatusError(503, 'ServiceUnavailable', `error trying to reach service: ${error.message}`))));
    res.on('close', () => forwarded.destroy());
    req.pipe(forwarded);
  });
}
