import { apiServerConfigFromEnv, startApiServer } from '@drydock/api';

/** One API server process; `npm start` runs it, and more can run against the same database. */
async function main(): Promise<void> {
  const server = await startApiServer(apiServerConfigFromEnv());
  const shutdown = () => void server.close().then(() => process.exit(0));
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: Error) => {
  process.stderr.write(`API server failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
