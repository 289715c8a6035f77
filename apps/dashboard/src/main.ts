import pino from 'pino';
import { dashboardConfigFromEnv } from './server/dashboard.config';
import { startDashboard } from './server/start-dashboard';

/** The dashboard process: Next.js pages plus the sign-in and /graphql forwarding server. */
async function main(): Promise<void> {
  const logger = pino({ level: process.env.DRYDOCK_LOG_LEVEL ?? 'info' });
  const dashboard = await startDashboard(dashboardConfigFromEnv(), logger);
  const stop = () => void dashboard.close().finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error) => {
  process.stderr.write(`dashboard failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
