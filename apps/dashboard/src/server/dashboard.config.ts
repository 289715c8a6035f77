import { join, resolve } from 'node:path';

/** The dashboard process's settings (docs/configuration.md). */
export interface DashboardConfig {
  host: string;
  port: number;
  /** The API server's URL and the data directory holding its CA (pki/ca.crt). */
  apiServer: string;
  dataDir: string;
  /** `next dev` instead of the production build (for working on the dashboard). */
  dev: boolean;
}

export function dashboardConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DashboardConfig {
  return {
    host: env.DRYDOCK_DASHBOARD_HOST ?? '127.0.0.1',
    port: Number(env.DRYDOCK_DASHBOARD_PORT ?? 3000),
    apiServer: env.DRYDOCK_API_SERVER ?? `https://${env.DRYDOCK_API_HOST ?? '127.0.0.1'}:${env.DRYDOCK_API_PORT ?? 6443}`,
    dataDir: resolve(env.DRYDOCK_DATA_DIR ?? join(process.cwd(), '.drydock')),
    dev: env.DRYDOCK_DASHBOARD_DEV === '1',
  };
}
