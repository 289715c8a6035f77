import { join, resolve } from 'node:path';
import type { RestartPolicy } from './supervisor';

/** `npm start`'s settings (see docs/configuration.md). */
export interface LauncherConfig {
  dataDir: string;
  apiHost: string;
  apiPort: number;
  /** The API server's etcd v3 endpoint (DRYDOCK_ETCD_PORT, npm start: 2379); unset or 0: none (harnesses run many at once). */
  etcdPort?: number;
  /** An external PostgreSQL; when unset Drydock runs its embedded one under `dataDir/postgres`. */
  databaseUrl?: string;
  /** Port of the embedded PostgreSQL (default: any free port). */
  postgresPort?: number;
  /** Extra settings of the embedded PostgreSQL (postgres -c name=value), e.g. the benches' pg_stat_statements. */
  postgresSettings?: Record<string, string>;
  /** DRYDOCK_CLOCK_SCALE for the workers: 10 makes simulated time pass ten times faster. */
  clockScale?: number;
  /** DRYDOCK_NODES: how many simulated nodes the node simulator runs (default 3). */
  nodes?: number;
  /** Start the controller-manager, scheduler and node simulator too (npm start: yes; tests of the API alone: no). */
  controlLoop?: boolean;
  /**
   * Show Drydock's own processes as a kubeadm cluster shows them: a `controlplane` node whose static pods
   * are the store, the API server, the controller-manager and the scheduler (default: yes;
   * DRYDOCK_CONTROL_PLANE=0 leaves only the worker nodes, for harnesses that need an empty cluster).
   */
  controlPlane?: boolean;
  /** Optional add-ons installed with the control plane (DRYDOCK_ADDONS, comma-separated): `ingress-nginx`. */
  addons?: string[];
  /** Serve the dashboard on dashboardHost:dashboardPort (npm start: yes unless DRYDOCK_DASHBOARD=0). */
  dashboard?: boolean;
  dashboardHost?: string;
  dashboardPort?: number;
  /**
   * Back-off of the restarts of PostgreSQL (embedded), the API server and the workers when one ends on its
   * own (DRYDOCK_RESTART_BACKOFF_SECONDS, DRYDOCK_RESTART_BACKOFF_MAX_SECONDS; default 1 s doubling to 10 s).
   */
  restartPolicy?: Partial<RestartPolicy>;
  /** Extra environment for the API server (harnesses: a short compaction window and interval). */
  apiServerEnv?: NodeJS.ProcessEnv;
}

export function launcherConfigFromEnv(env: NodeJS.ProcessEnv = process.env): LauncherConfig {
  return {
    dataDir: resolve(env.DRYDOCK_DATA_DIR ?? join(process.cwd(), '.drydock')),
    apiHost: env.DRYDOCK_API_HOST ?? '127.0.0.1',
    apiPort: Number(env.DRYDOCK_API_PORT ?? 6443),
    etcdPort: Number(env.DRYDOCK_ETCD_PORT ?? 2379),
    databaseUrl: env.DATABASE_URL || undefined,
    postgresPort: env.DRYDOCK_POSTGRES_PORT ? Number(env.DRYDOCK_POSTGRES_PORT) : undefined,
    postgresSettings: postgresSettingsFromEnv(env),
    clockScale: env.DRYDOCK_CLOCK_SCALE ? Number(env.DRYDOCK_CLOCK_SCALE) : undefined,
    nodes: env.DRYDOCK_NODES ? Number(env.DRYDOCK_NODES) : undefined,
    controlLoop: true,
    controlPlane: env.DRYDOCK_CONTROL_PLANE !== '0',
    addons: (env.DRYDOCK_ADDONS ?? '').split(',').map((name) => name.trim()).filter(Boolean),
    dashboard: env.DRYDOCK_DASHBOARD !== '0',
    dashboardHost: env.DRYDOCK_DASHBOARD_HOST ?? '127.0.0.1',
    dashboardPort: Number(env.DRYDOCK_DASHBOARD_PORT ?? 3000),
    restartPolicy: {
      ...(env.DRYDOCK_RESTART_BACKOFF_SECONDS ? { initialBackoffMs: Number(env.DRYDOCK_RESTART_BACKOFF_SECONDS) * 1000 } : {}),
      ...(env.DRYDOCK_RESTART_BACKOFF_MAX_SECONDS ? { maxBackoffMs: Number(env.DRYDOCK_RESTART_BACKOFF_MAX_SECONDS) * 1000 } : {}),
    },
  };
}

/** The embedded PostgreSQL's session bounds (postgres -c) that the environment overrides; the defaults are serverArgs'. */
function postgresSettingsFromEnv(env: NodeJS.ProcessEnv): Record<string, string> | undefined {
  const settings: Record<string, string> = {};
  if (env.DRYDOCK_STORE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS) settings.idle_in_transaction_session_timeout = `${Number(env.DRYDOCK_STORE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS) * 1000}ms`;
  if (env.DRYDOCK_STORE_TRANSACTION_TIMEOUT_SECONDS) settings.transaction_timeout = `${Number(env.DRYDOCK_STORE_TRANSACTION_TIMEOUT_SECONDS) * 1000}ms`;
  return Object.keys(settings).length ? settings : undefined;
}
