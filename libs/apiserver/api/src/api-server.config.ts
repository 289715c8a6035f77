import { join, resolve } from 'node:path';
import { defaultFlowControlConfig, type FlowControlConfig } from './http/flow-control/priority-and-fairness';

/** How an API server process is configured (environment variables, documented in docs/configuration.md). */
export interface ApiServerConfig {
  databaseUrl: string;
  dataDir: string;
  host: string;
  port: number;
  /** The etcd v3 endpoint over the store, on 127.0.0.1 (kubeadm's etcd port 2379 by default); 0: none. */
  etcdPort: number;
  /** Change-log window kept for watches and continue tokens. */
  compactionWindowMs: number;
  /** How often the compactor trims the change log to the window. */
  compactionIntervalMs: number;
  /**
   * How long a query sent to PostgreSQL may go unanswered before it fails (pg's query_timeout), so a
   * database that stops answering without closing its connections (SIGSTOP, a partition) gives clients
   * a retryable ServerTimeout instead of a hang.
   */
  storeQueryTimeoutMs: number;
  /**
   * PostgreSQL's idle_in_transaction_session_timeout for the API server's own sessions (the embedded
   * server sets it for every session; an external database's other sessions are its operator's to bound).
   */
  storeIdleInTransactionTimeoutMs: number;
  logLevel: string;
  /** Audit table retention: rows older than this are deleted... */
  auditMaxAgeMs: number;
  /** ...and at most this many rows are kept. */
  auditMaxRows: number;
  /** The dashboard's address, for the full URL of sign-in links (the launcher sets it). */
  dashboardUrl?: string;
  /** API Priority and Fairness. */
  flowControl: FlowControlConfig;
  /** Sandbox clusters one owner (a team or a user) may have (ClusterOwnerQuota); 0: no limit. Default 10. */
  maxClustersPerOwner?: number;
}

/** The default of DRYDOCK_MAX_CLUSTERS_PER_OWNER. */
export const defaultMaxClustersPerOwner = 10;

export function apiServerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ApiServerConfig {
  const dataDir = resolve(env.DRYDOCK_DATA_DIR ?? join(process.cwd(), '.drydock'));
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL is required (npm start sets it to the embedded PostgreSQL)');
  return {
    databaseUrl: env.DATABASE_URL,
    dataDir,
    host: env.DRYDOCK_API_HOST ?? '127.0.0.1',
    port: Number(env.DRYDOCK_API_PORT ?? 6443),
    etcdPort: Number(env.DRYDOCK_ETCD_PORT ?? 2379),
    compactionWindowMs: Number(env.DRYDOCK_COMPACTION_WINDOW_SECONDS ?? 300) * 1000,
    compactionIntervalMs: Number(env.DRYDOCK_COMPACTION_INTERVAL_SECONDS ?? 60) * 1000,
    storeQueryTimeoutMs: Number(env.DRYDOCK_STORE_QUERY_TIMEOUT_SECONDS ?? 30) * 1000,
    storeIdleInTransactionTimeoutMs: Number(env.DRYDOCK_STORE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS ?? 10) * 1000,
    logLevel: env.DRYDOCK_LOG_LEVEL ?? 'info',
    auditMaxAgeMs: Number(env.DRYDOCK_AUDIT_MAX_AGE_HOURS ?? 7 * 24) * 3_600_000,
    auditMaxRows: Number(env.DRYDOCK_AUDIT_MAX_ROWS ?? 100_000),
    dashboardUrl: env.DRYDOCK_DASHBOARD_URL || undefined,
    maxClustersPerOwner: Number(env.DRYDOCK_MAX_CLUSTERS_PER_OWNER ?? defaultMaxClustersPerOwner),
    flowControl: {
      enabled: env.DRYDOCK_ENABLE_PRIORITY_AND_FAIRNESS !== 'false',
      totalConcurrencyLimit: Number(env.DRYDOCK_MAX_REQUESTS_INFLIGHT ?? defaultFlowControlConfig.totalConcurrencyLimit),
      queueLengthLimit: env.DRYDOCK_APF_QUEUE_LENGTH_LIMIT ? Number(env.DRYDOCK_APF_QUEUE_LENGTH_LIMIT) : undefined,
      queueWaitMs: Number(env.DRYDOCK_APF_QUEUE_WAIT_SECONDS ?? defaultFlowControlConfig.queueWaitMs / 1000) * 1000,
    },
  };
}
