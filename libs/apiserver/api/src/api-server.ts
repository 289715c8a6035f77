import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { NestFactory } from '@nestjs/core';
import { createGraphqlWsHandler, isGraphqlPath, routeClusterGraphql } from '@drydock/graphql';
import { ExpressAdapter, NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { apiServerLogger } from './logging/api-server-logger';
import { ApiServerModule } from './api-server.module';
import type { ApiServerConfig } from './api-server.config';
import { ApiServerRuntime } from './api-server.runtime';
import { InProcessTransport } from './http/in-process-transport';
import { dispatchKubernetesApiFirst } from './http/request-dispatch';
import { pkiFiles } from './security/pki';
import { startEtcdEndpoint } from './etcd/etcd-endpoint';

/**
 * The metrics the scheduler and the controller-manager publish in `run/components/<component>.metrics`
 * (@drydock/client's publishComponentMetrics; they serve no HTTP), when written in the last 30 s.
 */
async function readComponentMetrics(dataDir: string, component: string): Promise<string | undefined> {
  const file = join(dataDir, 'run', 'components', `${component}.metrics`);
  const info = await stat(file).catch(() => undefined);
  if (!info || Date.now() - info.mtimeMs > 30_000) return undefined;
  return readFile(file, 'utf8');
}

export interface RunningApiServer {
  url: string;
  runtime: ApiServerRuntime;
  close(): Promise<void>;
}

/** Starts one API server process: storage, watch cache, system loops, then HTTPS on host:port. */
export async function startApiServer(config: ApiServerConfig, logger: Logger = apiServerLogger(config.logLevel).logger): Promise<RunningApiServer> {
  const files = pkiFiles(config.dataDir);
  const secrets = { adminTokenHash: readFileSync(files.adminTokenHashFile, 'utf8').trim(), kubeletToken: readFileSync(files.kubeletTokenFile, 'utf8').trim(), caCert: readFileSync(files.caCertFile, 'utf8'), serviceAccountKey: readFileSync(files.serviceAccountKeyFile, 'utf8'), knownTokens: existsSync(files.knownTokensFile) ? readFileSync(files.knownTokensFile, 'utf8') : '', nodeCredentialKey: existsSync(files.nodeCredentialKeyFile) ? readFileSync(files.nodeCredentialKeyFile, 'utf8').trim() : '' };
  const runtime = await ApiServerRuntime.start(config, secrets, logger);
  // GraphQL's reads and writes are REST requests as the caller, handed to this server's request chain in-process;
  // only exec's WebSocket dials the server's own address.
  const loopbackHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const transport = new InProcessTransport((req, res) => runtime.router.handle(req, res));
  const graphql = { transport, websocket: { server: `https://${loopbackHost.includes(':') ? `[${loopbackHost}]` : loopbackHost}:${config.port}`, caCert: secrets.caCert }, namespaceDirectory: (user: { name: string; groups: string[] }) => runtime.reachableNamespaces(user), kinds: runtime.registry, onSchemaError: (error: unknown) => logger.warn({ err: error }, 'GraphQL: the kinds\' schema could not be rebuilt'), componentMetrics: (component: string) => readComponentMetrics(config.dataDir, component) };
  const app = await NestFactory.create<NestExpressApplication>(ApiServerModule.forRoot(graphql), new ExpressAdapter(), {
    httpsOptions: { cert: readFileSync(files.certFile), key: readFileSync(files.keyFile) },
    bodyParser: false,
    logger: false,
  });
  app.disable('x-powered-by');
  app.set('etag', false);
  // A sandbox's /clusters/<name>/graphql is the one GraphQL endpoint, its operations addressed to that cluster.
  app.use(routeClusterGraphql);
  const server = app.getHttpServer();
  server.keepAliveTimeout = 65_000;
  server.requestTimeout = 0;
  await app.init();
  dispatchKubernetesApiFirst(server, (req, res) => runtime.router.handle(req, res));
  const graphqlWs = createGraphqlWsHandler(app, { onInternalError: (error, path) => logger.error({ err: error, path }, 'internal error') });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => (isGraphqlPath(req.url) ? graphqlWs.handleUpgrade(req, socket, head) : void runtime.router.handleUpgrade(req, socket, head)));
  await app.listen(config.port, config.host);
  runtime.markReady();
  // Since the process began (module loading included): wall time and CPU time, so that a slow start on a busy
  // machine (wall far above CPU: waiting for a core) can be told from a start that has more work to do.
  const cpu = process.cpuUsage();
  logger.info({ host: config.host, port: config.port, startupMs: Math.round(process.uptime() * 1000), startupCpuMs: Math.round((cpu.user + cpu.system) / 1000) }, 'API server listening');
  const etcd = await startEtcdEndpoint(config, runtime.storage, runtime.registry, logger);
  return {
    url: `https://${config.host}:${config.port}`,
    runtime,
    close: async () => {
      await etcd?.close();
      server.closeAllConnections?.();
      await graphqlWs.close();
      await app.close();
      await runtime.close();
    },
  };
}

