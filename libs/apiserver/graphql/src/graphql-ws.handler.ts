import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { INestApplicationContext } from '@nestjs/common';
import { GraphQLError, GraphQLSchema, parse, specifiedRules, validate } from 'graphql';
import { CloseCode, handleProtocols, makeServer } from 'graphql-ws';
import { WebSocket, WebSocketServer } from 'ws';
import { ApiError, type StatusBody } from '@drydock/client';
import { bearerToken, GraphqlAuthService } from './auth/graphql-auth.service';
import { formatGraphqlErrors } from './errors/graphql-error.mapper';
import type { GraphqlContext, GraphqlUser } from './graphql-context';
import { impersonationHeaders } from './kube/kube-api.client';
import { wantsReachableNamespaces } from './access/access-check';
import { assertComplexity, depthLimitRule } from './limits/query-limits';
import { LiveSchema } from './kinds/live-schema';

export const GRAPHQL_PATH = '/graphql';

const CLUSTER_GRAPHQL_PATH = /^\/clusters\/([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/graphql$/;

/**
 * The logical cluster a GraphQL URL addresses: `default` for `/graphql`, `<name>` for `/clusters/<name>/graphql`
 * (a sandbox cluster, as its REST API is served under that prefix), undefined for any other path.
 */
export function graphqlCluster(url: string | undefined): string | undefined {
  const path = (url ?? '').split('?')[0].replace(/\/+$/, '');
  if (path === GRAPHQL_PATH) return 'default';
  return CLUSTER_GRAPHQL_PATH.exec(path)?.[1];
}

/** True for the paths graphql-ws (and HTTP GraphQL) are served on. */
export function isGraphqlPath(url: string | undefined): boolean {
  return graphqlCluster(url) !== undefined;
}

/**
 * Express middleware in front of every route: `/clusters/<name>/graphql` is served by the one GraphQL endpoint,
 * with the cluster on the request (`graphqlCluster`), so that its operations call that cluster's REST API.
 */
export function routeClusterGraphql(req: IncomingMessage & { graphqlCluster?: string }, _res: unknown, next: () => void): void {
  const cluster = graphqlCluster(req.url);
  if (cluster && cluster !== 'default') {
    req.graphqlCluster = cluster;
    const query = req.url!.indexOf('?');
    req.url = GRAPHQL_PATH + (query >= 0 ? req.url!.slice(query) : '');
  }
  next();
}

interface SocketExtra {
  socket: WebSocket;
  request: IncomingMessage;
  token?: string;
  user?: GraphqlUser;
  unauthorized?: boolean;
}

export interface GraphqlWsHandler {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

const KEEP_ALIVE_MS = 12_000;
/**
 * What may wait in a socket's send buffers (ws's bufferedAmount) before its subscriber counts as too slow,
 * as a REST watcher is cut once 16 MiB wait for it. graphql-ws sends one message per subscription at a time
 * (it awaits the send), but a connection may carry many subscriptions and a batch may be large.
 */
export const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/**
 * graphql-ws on the API server's own HTTPS port: the server's upgrade handler hands `/graphql`
 * upgrades here. A connection is authenticated once, with `connection_init`'s payload
 * `{ authorization: "Bearer …" }` or the upgrade's Authorization header, through the same REST
 * authentication as every request; without valid credentials it is closed 4401 Unauthorized. Every
 * operation runs as that caller with its own loader and the same depth and complexity limits as HTTP.
 */
export function createGraphqlWsHandler(app: INestApplicationContext, options: { onInternalError?: InternalErrorLog } = {}): GraphqlWsHandler {
  const auth = app.get(GraphqlAuthService);
  const live = app.get(LiveSchema);
  const schemaOf = (): GraphQLSchema => live.current();
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => handleProtocols(protocols) });
  const server = makeServer<Record<string, unknown> | undefined, SocketExtra>({
    schema: () => schemaOf(),
    onConnect: async (ctx) => {
      const params = ctx.connectionParams ?? {};
      const token = bearerToken(params.authorization ?? params.Authorization) ?? bearerToken(ctx.extra.request.headers.authorization);
      const user = await auth.authenticate(token, impersonationHeaders(ctx.extra.request)).catch(() => undefined);
      if (!user) {
        ctx.extra.unauthorized = true;
        return false;
      }
      ctx.extra.token = token;
      ctx.extra.user = user;
      return true;
    },
    onSubscribe: (ctx, _id, payload) => {
      let document;
      try {
        document = parse(payload.query);
      } catch (error) {
        return refusal([error as GraphQLError]);
      }
      const errors = validate(schemaOf(), document, [...specifiedRules, depthLimitRule()]);
      if (errors.length > 0) return refusal(errors);
      try {
        assertComplexity(schemaOf(), document, payload.variables ?? undefined, payload.operationName ?? undefined);
      } catch (error) {
        return refusal([error as GraphQLError]);
      }
      const contextValue: GraphqlContext = {
        ...auth.contextFor(ctx.extra.token!, ctx.extra.user!, { subscription: true, impersonation: impersonationHeaders(ctx.extra.request), reachable: wantsReachableNamespaces(ctx.extra.request), cluster: graphqlCluster(ctx.extra.request.url) }),
        onSlowSubscriber: () => closeSlowSubscriber(ctx.extra.socket),
      };
      return { schema: schemaOf(), document, variableValues: payload.variables, operationName: payload.operationName, contextValue };
    },
    onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: formatGraphqlErrors(result.errors as GraphQLError[]) as never } : result),
  });

  wss.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    const extra: SocketExtra = { socket, request };
    socket.once('error', () => socket.close(CloseCode.InternalServerError, 'Internal server error'));
    let pongWait: NodeJS.Timeout | undefined;
    const ping = setInterval(() => {
      if (socket.readyState !== socket.OPEN) return;
      // A socket already closing (a slow subscriber's 1013 behind its unread data) is left to ws's close timeout.
      pongWait = setTimeout(() => socket.readyState === socket.OPEN && socket.terminate(), KEEP_ALIVE_MS);
      socket.once('pong', () => clearTimeout(pongWait));
      socket.ping();
    }, KEEP_ALIVE_MS);
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve, reject) => {
            if (socket.readyState !== socket.OPEN) return resolve();
            if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
              closeSlowSubscriber(socket);
              return resolve();
            }
            socket.send(data, (error) => (error ? reject(error) : resolve()));
          }),
        // graphql-ws refuses a connection_init with 4403; a caller without valid credentials gets 4401, as REST answers 401.
        close: (code, reason) => (extra.unauthorized ? socket.close(CloseCode.Unauthorized, 'Unauthorized') : socket.close(code, reason)),
        onMessage: (callback) =>
          socket.on('message', async (data) => {
            try {
              await callback(String(data));
            } catch {
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            }
          }),
      },
      extra,
    );
    socket.once('close', (code, reason) => {
      clearTimeout(pongWait);
      clearInterval(ping);
      void closed(code, String(reason));
    });
  });

  return {
    handleUpgrade: (req, socket, head) => {
      // A header that is present but wrong is refused before the handshake, like any REST request.
      if (req.headers.authorization) {
        void auth.authenticate(bearerToken(req.headers.authorization), impersonationHeaders(req)).then(
          (user) => (user ? wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)) : refuse(socket, 401, 'Unauthorized')),
          (error) => refuseWith(socket, upgradeRefusal(error, (internal) => options.onInternalError?.(internal, new URL(req.url ?? '/', 'https://drydock.local').pathname))),
        );
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    close: async () => {
      for (const client of wss.clients) client.close(1001, 'Going away');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/**
 * A subscriber that left too many changes untaken or too many bytes unread (it does not read its socket):
 * closed with 1013 Try Again Later, which graphql-ws clients retry (they subscribe again from the current
 * state). Its changes are dropped at once, so what the server keeps for it is bounded; the close frame
 * waits behind the data already in the socket's buffers, and a client that reads again within ws's close
 * timeout (30 s) gets it; one that does not is cut then, as a REST watcher that does not read is.
 */
function closeSlowSubscriber(socket: WebSocket): void {
  if (socket.readyState !== socket.OPEN) return;
  socket.close(1013, 'subscriber too slow: too many changes waiting');
}

/** graphql-ws sends GraphQLError instances only: the mapped errors, rebuilt as such. */
function refusal(errors: readonly GraphQLError[]): GraphQLError[] {
  return formatGraphqlErrors(errors).map((formatted) => new GraphQLError(formatted.message, { extensions: formatted.extensions }));
}

function refuse(socket: Duplex, code: number, text: string): void {
  refuseWith(socket, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: text, reason: text.replace(/ /g, ''), code });
}

/** Where an upgrade's internal error is told (the API server's logger, as the REST router logs its InternalErrors). */
export type InternalErrorLog = (error: unknown, path: string) => void;

/**
 * The answer to an upgrade whose token could not be reviewed: the API server's own Status when it sent one
 * (403, 429 with its retry-after under priority and fairness, 504 when the store is slow), so a client
 * retries what is retryable; only a failure that is not the API server's answer is a 500, and that one is
 * given to `logInternal` (the client sees only `Internal Server Error`, as upstream's InternalError).
 */
export function upgradeRefusal(error: unknown, logInternal?: (error: unknown) => void): StatusBody & { code: number } {
  if (error instanceof ApiError && error.code >= 400) {
    return { ...error.status, kind: 'Status', apiVersion: 'v1', status: 'Failure', code: error.code, reason: error.reason, message: error.message };
  }
  logInternal?.(error);
  return { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 500, reason: 'InternalError', message: 'Internal Server Error' };
}

function refuseWith(socket: Duplex, status: StatusBody & { code: number; metadata?: object }): void {
  const body = JSON.stringify({ metadata: {}, ...status });
  const retryAfter = status.details?.retryAfterSeconds ? `Retry-After: ${status.details.retryAfterSeconds}\r\n` : '';
  socket.end(`HTTP/1.1 ${status.code} ${STATUS_CODES[status.code] ?? 'Error'}\r\nContent-Type: application/json\r\n${retryAfter}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
