import { dataDirectoryOptionsFromEnv, prepareDataDirectory } from '@drydock/launcher';

/**
 * `npm run init` (the images' `init` step): certificates, tokens and kubeconfigs in DRYDOCK_DATA_DIR for
 * API servers behind DRYDOCK_API_SERVER (a load balancer), before any process starts; see docs/configuration.md.
 */
function main(): void {
  const options = dataDirectoryOptionsFromEnv();
  const prepared = prepareDataDirectory(options);
  process.stdout.write(`Drydock data directory ${options.dataDir} is ready for API servers at ${options.server}\n`);
  process.stdout.write(`  admin kubeconfig: ${prepared.adminKubeconfig}\n`);
  for (const [app, path] of Object.entries(prepared.componentKubeconfigs)) process.stdout.write(`  ${app}: ${path}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`drydock init failed: ${(error as Error).message}\n`);
  process.exit(1);
}
