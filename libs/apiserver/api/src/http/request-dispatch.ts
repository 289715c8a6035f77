import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import { isGraphqlPath } from '@drydock/graphql';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Puts the Kubernetes request chain in front of the HTTP framework: every request but GraphQL's goes
 * straight to `handle` (KubeRouter.handle, which answers every path itself, errors included), and only
 * GraphQL's paths pass through the listeners the framework registered (Nest's Express application, where
 * Apollo and its middleware live). Express's request setup, router and Nest's controller dispatch cost
 * about 3 % of the API server's CPU under bench:scale for requests whose one route was this chain anyway.
 * Call after the framework added its listener and before the server listens.
 */
export function dispatchKubernetesApiFirst(server: HttpServer | HttpsServer, handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>): void {
  const framework = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!isGraphqlPath(req.url)) return void handle(req, res);
    for (const listener of framework) listener.call(server, req, res);
  });
}
