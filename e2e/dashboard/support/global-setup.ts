import { buildDashboardIfStale, withStartLock } from './dashboard-build';

/**
 * Jest globalSetup of the `dashboard` project: builds the dashboard once, before any spec file starts a
 * Drydock, so the spec files (which may run in parallel) do not each build it.
 */
export default async function globalSetup(): Promise<void> {
  await withStartLock(() => buildDashboardIfStale((line) => process.stderr.write(line)));
}
