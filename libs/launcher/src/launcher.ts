import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Database, startDatabase } from '@drydock/storage';
import { ensureAdminAccess } from './admin-kubeconfig';
import { ensureComponentKubeconfigs } from './component-kubeconfigs';
import { ManagedProcess, repoRoot, startAppProcess } from './child-process';
import { COMPONENT_OF_APP, ControlPlaneRecord } from './control-plane';
import { installAddons } from './addons-installer';
import { SupervisedProcess } from './supervisor';
import type { LauncherConfig } from './launcher.config';
import { Progress } from './progress';
import { waitForHttp, waitForReady } from './readiness';

/** The control loop's processes, each an ordinary API client (apps/<app>/src/main.ts). */
const workerApps = ['controller-manager', 'scheduler', 'node-sim'];

/** What every worker process reads: where the API is (its own kubeconfig, with its own identity) and the simulated clock. */
function workerEnv(config: LauncherConfig, kubeconfigPath: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { KUBECONFIG: kubeconfigPath, DRYDOCK_DATA_DIR: config.dataDir };
  if (config.clockScale !== undefined) env.DRYDOCK_CLOCK_SCALE = String(config.clockScale);
  if (config.nodes !== undefined) env.DRYDOCK_NODES = String(config.nodes);
  if (config.controlPlane) env.DRYDOCK_CONTROL_PLANE = '1';
  return env;
}

export interface RunningDrydock {
  /** The PostgreSQL the API server uses (embedded or DATABASE_URL). */
  databaseUrl: string;
  stop(): Promise<void>;
  /** Resolves when the API server exits on its own (a crash); workers that exit are restarted instead. */
  failed: Promise<string>;
}

/**
 * `npm start`: embedded PostgreSQL (or DATABASE_URL), certificates and kubeconfig, then the API server
 * as its own process (which applies the migrations: it is their one owner, see the API server's openStorage). Later issues add the scheduler, controller-manager, node simulator
 * and dashboard as further processes here.
 */
export async function launchDrydock(config: LauncherConfig, out: (line: string) => void = (l) => process.stdout.write(l)): Promise<RunningDrydock> {
  const workers = config.controlLoop ? workerApps.filter((app) => existsSync(join(repoRoot, 'apps', app, 'src', 'main.ts'))) : [];
  const dashboard = config.dashboard && existsSync(join(repoRoot, 'apps', 'dashboard', 'src', 'main.ts'));
  const progress = new Progress(3 + (workers.length ? 1 : 0) + (dashboard ? 1 : 0), out);
  const logDir = join(config.dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  let database: Database | undefined;
  const processes: ManagedProcess[] = [];
  const workerProcesses: SupervisedProcess[] = [];
  const stop = async () => {
    for (const worker of workerProcesses.splice(0)) await worker.stop();
    for (const p of processes.reverse()) await p.stop();
    await database?.stop();
  };
  try {
    database = await progress.step(config.databaseUrl ? 'Connecting to PostgreSQL (DATABASE_URL)' : `Starting embedded PostgreSQL in ${join(config.dataDir, 'postgres')}`, () =>
      startDatabase({ databaseUrl: config.databaseUrl, dataDir: join(config.dataDir, 'postgres'), port: config.postgresPort, settings: config.postgresSettings, logFile: join(logDir, 'postgres.log') }),
    );
    const server = `https://${config.apiHost}:${config.apiPort}`;
    const access = await progress.step('Preparing certificates and the admin kubeconfig', () => ensureAdminAccess(config.dataDir, server));
    const componentKubeconfigs = ensureComponentKubeconfigs(config.dataDir, server, access.caCert);
    const controlPlane = config.controlPlane && workers.includes('node-sim') ? new ControlPlaneRecord(config.dataDir, logDir) : undefined;
    // The dashboard's address, so that sign-in links the API server makes (users/NAME/signinlink) are whole URLs.
    const dashboardAddress = dashboard ? `http://${config.dashboardHost ?? '127.0.0.1'}:${config.dashboardPort ?? 3000}` : '';
    const apiserverEnv = { DATABASE_URL: database.url, DRYDOCK_DATA_DIR: config.dataDir, DRYDOCK_API_HOST: config.apiHost, DRYDOCK_API_PORT: String(config.apiPort), DRYDOCK_ETCD_PORT: String(config.etcdPort ?? 0), DRYDOCK_DASHBOARD_URL: dashboardAddress };
    const apiserver = startAppProcess('apiserver', 'apiserver', apiserverEnv, logDir);
    processes.push(apiserver);
    if (controlPlane) {
      controlPlane.writeManifests(config.apiPort);
      const embedded = database.embedded;
      controlPlane.started('etcd', 'postgres', embedded?.pid, embedded ? `postgres -D ${embedded.dataDir} -p ${embedded.port}` : `(external PostgreSQL: DATABASE_URL)`);
      controlPlane.started('kube-apiserver', 'apiserver', apiserver.child.pid, appCommandLine('apiserver'));
    }
    await progress.step(`Starting the API server on ${server} (it applies pending migrations first)`, () => waitForReady(server, access.caCert, 60_000, apiserver.exited));
    if (controlPlane) await installAddons(access.kubeconfigPath, server, config.addons ?? []);
    if (workers.length) {
      await progress.step(`Starting the control loop (${workers.join(', ')})`, () => {
        for (const app of workers) {
          const component = COMPONENT_OF_APP[app];
          const observer = controlPlane && component ? { started: (pid: number | undefined) => controlPlane.started(component, app, pid, appCommandLine(app)), exited: (code: number | null) => controlPlane.exited(component, code) } : undefined;
          workerProcesses.push(new SupervisedProcess(app, app, workerEnv(config, componentKubeconfigs[app] ?? access.kubeconfigPath), logDir, (line) => process.stderr.write(line), observer));
        }
      });
    }
    let dashboardUrl: string | undefined;
    if (dashboard) {
      const host = config.dashboardHost ?? '127.0.0.1';
      const port = config.dashboardPort ?? 3000;
      dashboardUrl = `http://${host}:${port}`;
      const env = { DRYDOCK_DATA_DIR: config.dataDir, DRYDOCK_API_SERVER: server, DRYDOCK_DASHBOARD_HOST: host, DRYDOCK_DASHBOARD_PORT: String(port) };
      await progress.step(`Starting the dashboard on ${dashboardUrl} (the first start builds it, about a minute)`, async () => {
        workerProcesses.push(new SupervisedProcess('dashboard', 'dashboard', env, logDir, (line) => process.stderr.write(line)));
        await waitForHttp(`${dashboardUrl}/login`, 300_000);
      });
    }
    printWelcome(out, server, access.kubeconfigPath, logDir, dashboardUrl && `${dashboardUrl}/login?token=${encodeURIComponent(access.token)}`);
    // The API server is the one process Drydock cannot run without; workers are restarted (SupervisedProcess).
    const failed = apiserver.exited.then((code) => `apiserver exited with code ${code}`);
    return { databaseUrl: database.url, stop, failed };
  } catch (error) {
    await stop();
    throw error;
  }
}

function appCommandLine(app: string): string {
  return `node -r @swc-node/register apps/${app}/src/main.ts`;
}

function printWelcome(out: (line: string) => void, server: string, kubeconfig: string, logDir: string, signInLink?: string): void {
  out(`\nDrydock is running. The Kubernetes API is at ${server}\n\n`);
  if (signInLink) out(`  Dashboard (this link signs you in as the admin): ${signInLink}\n\n`);
  out(`  export KUBECONFIG=${kubeconfig}\n`);
  out(`  kubectl get namespaces\n\n`);
  out(`Logs: ${logDir}. Press Ctrl-C to stop (all objects are kept for the next start).\n`);
}
