import { launchDrydock, launcherConfigFromEnv } from '@drydock/launcher';

/** `npm start`: runs Drydock until Ctrl-C. */
async function main(): Promise<void> {
  const drydock = await launchDrydock(launcherConfigFromEnv());
  let stopping = false;
  const shutdown = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nStopping Drydock...\n');
    await drydock.stop();
    process.stdout.write('Stopped.\n');
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
}

main().catch((error: Error) => {
  process.stderr.write(`\nDrydock failed to start: ${error.message}\n`);
  process.exit(1);
});
