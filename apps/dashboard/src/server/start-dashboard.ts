import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { ApiUpstream } from './api-upstream';
import type { DashboardConfig } from './dashboard.config';
import { DashboardServer } from './dashboard-server';
import { buildDashboard, buildIsCurrent } from './next-build';
import { SessionSealer } from './session';

/**
 * Next.js's programmatic server, typed here rather than imported: Next's own type declarations
 * redeclare `process.env` for the whole program, which the rest of the monorepo does not want.
 */
interface NextServer {
  prepare(): Promise<void>;
  getRequestHandler(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  close(): Promise<void>;
}
const next = require('next') as (options: { dev: boolean; dir: string; hostname: string; port: number }) => NextServer;

/** The dashboard app's directory (apps/dashboard). */
export const dashboardDir = join(__dirname, '..', '..');

export interface RunningDashboard {
  url: string;
  close(): Promise<void>;
}

/** Builds the pages when the build is missing or older than the sources, then serves them. */
export async function startDashboard(config: DashboardConfig, logger: Logger): Promise<RunningDashboard> {
  if (!config.dev && !buildIsCurrent(dashboardDir)) buildDashboard(dashboardDir, (line) => logger.info(line));
  const app = next({ dev: config.dev, dir: dashboardDir, hostname: config.host, port: config.port });
  await app.prepare();
  const handler = app.getRequestHandler();
  const upstream = new ApiUpstream(config.apiServer, readFileSync(join(config.dataDir, 'pki', 'ca.crt'), 'utf8'));
  const server = new DashboardServer({
    host: config.host,
    port: config.port,
    upstream,
    sealer: SessionSealer.fromKeyFile(join(config.dataDir, 'pki', 'dashboard-session.key')),
    pages: (req, res) => handler(req, res),
    logger,
  });
  const url = await server.listen();
  logger.info({ url, apiServer: config.apiServer }, 'dashboard listening');
  return {
    url,
    close: async () => {
      await server.close();
      await app.close();
      upstream.agent.destroy();
    },
  };
}
