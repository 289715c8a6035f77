import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EmbeddedPostgres, startDatabase, startEmbeddedPostgres } from '@drydock/storage';
import { ensureAdminAccess } from './admin-kubeconfig';
import { ensureComponentKubeconfigs } from './component-kubeconfigs';
import { ManagedProcess, repoRoot } from './child-process';
import { COMPONENT_OF_APP, ControlPlaneRecord } from './control-plane';
import { installAddons } from './addons-installer';
import { defaultRestartPolicy, superviseApp, Supervisor } from './supervisor';
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
  // Where etcdctl on the control-plane node (node-sim) reaches the API server's etcd endpoint.
  env.DRYDOCK_ETCD_PORT = String(config.etcdPort ?? 0);
  return env;
}

export interface RunningDrydock {
  /** The PostgreSQL the API server uses (embedded or DATABASE_URL). */
  databaseUrl: string;
  stop(): Promise<void>;
  /**
   * The process id of each supervised part now (`postgres` when embedded, `apiserver`, and the workers
   * by app name); undefined while one waits to be restarted.
   */
  pids(): Record<string, number | undefined>;
  /**
   * Resolves the first time the API server ends on its own, with why. The launcher restarts it; harnesses
   * that prove the server never crashes (the fuzzing suite) treat this as a failure.
   */
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
  const report = (line: string) => process.stderr.write(line);
  const policy = { ...defaultRestartPolicy, ...config.restartPolicy };
  // Stopped in reverse order of start: workers, then the API server, then PostgreSQL.
  const supervised = new Map<string, Supervisor<ManagedProcess> | Supervisor<EmbeddedPostgres>>();
  const stop = async () => {
    for (const supervisor of supervised.values()) supervisor.stopRestarting();
    for (const supervisor of [...supervised.values()].reverse()) await supervisor.stop();
    supervised.clear();
  };
  const pids = () => Object.fromEntries([...supervised].map(([name, supervisor]) => [name, pidOf(supervisor.instance)]));
  let controlPlane: ControlPlaneRecord | undefined;
  try {
    const database = await progress.step(config.databaseUrl ? 'Connecting to PostgreSQL (DATABASE_URL)' : `Starting embedded PostgreSQL in ${join(config.dataDir, 'postgres')}`, async () => {
      const externalUrl = config.databaseUrl ?? process.env.DATABASE_URL;
      if (externalUrl) return startDatabase({ databaseUrl: externalUrl });
      // The embedded server is restarted on its data directory and port when it ends (a kill, a crash):
      // the API servers' DATABASE_URL stays valid and their pools reconnect.
      let port = config.postgresPort;
      const start = () => startEmbeddedPostgres({ dataDir: join(config.dataDir, 'postgres'), port, settings: config.postgresSettings, logFile: join(logDir, 'postgres.log') });
      const observer = { started: (server: EmbeddedPostgres) => controlPlane?.started('etcd', 'postgres', server.pid, `postgres -D ${server.dataDir} -p ${server.port}`), ended: () => controlPlane?.exited('etcd', null) };
      const supervisor = new Supervisor('postgres', start, report, observer, policy);
      supervised.set('postgres', supervisor);
      const embedded = await supervisor.run();
      port = embedded.port;
      return { url: embedded.url, embedded };
    });
    const server = `https://${config.apiHost}:${config.apiPort}`;
    const access = await progress.step('Preparing certificates and the admin kubeconfig', () => ensureAdminAccess(config.dataDir, server));
    const componentKubeconfigs = ensureComponentKubeconfigs(config.dataDir, server, access.caCert);
    controlPlane = config.controlPlane && workers.includes('node-sim') ? new ControlPlaneRecord(config.dataDir, logDir) : undefined;
    // The dashboard's address, so that sign-in links the API server makes (users/NAME/signinlink) are whole URLs.
    const dashboardAddress = dashboard ? `http://${config.dashboardHost ?? '127.0.0.1'}:${config.dashboardPort ?? 3000}` : '';
    const apiserverEnv = { ...config.apiServerEnv, DATABASE_URL: database.url, DRYDOCK_DATA_DIR: config.dataDir, DRYDOCK_API_HOST: config.apiHost, DRYDOCK_API_PORT: String(config.apiPort), DRYDOCK_ETCD_PORT: String(config.etcdPort ?? 0), DRYDOCK_DASHBOARD_URL: dashboardAddress };
    if (controlPlane) {
      controlPlane.writeManifests(config.apiPort);
      const embedded = database.embedded;
      controlPlane.started('etcd', 'postgres', embedded?.pid, embedded ? `postgres -D ${embedded.dataDir} -p ${embedded.port}` : `(external PostgreSQL: DATABASE_URL)`);
    }
    // The API server is restarted like the workers: a crash or kill -9 no longer stops Drydock.
    let crashed!: (why: string) => void;
    const failed = new Promise<string>((resolve) => (crashed = resolve));
    const apiserverObserver = controlPlaneObserver(controlPlane, 'apiserver');
    const apiserverSupervisor = superviseApp('apiserver', 'apiserver', apiserverEnv, logDir, report, {
      started: (pid) => apiserverObserver?.started(pid),
      exited: (code) => {
        apiserverObserver?.exited(code);
        crashed(`apiserver exited with code ${code}`);
      },
    }, policy);
    supervised.set('apiserver', apiserverSupervisor);
    const apiserver = await apiserverSupervisor.run();
    // Up to 4 minutes, as kubeadm waits for its control plane ("This can take up to 4m0s"), while the process lives:
    // on a busy machine the API server's start waits for a core most of the time (about 3 s of CPU took 57 s of
    // wall time at a load of 27 on 2 cores), and one that exits fails the start at once.
    await progress.step(`Starting the API server on ${server} (it applies pending migrations first)`, () => waitForReady(server, access.caCert, 240_000, apiserver.exited));
    if (controlPlane) await installAddons(access.kubeconfigPath, server, config.addons ?? []);
    if (workers.length) {
      await progress.step(`Starting the control loop (${workers.join(', ')})`, () => {
        for (const app of workers) {
          const supervisor = superviseApp(app, app, workerEnv(config, componentKubeconfigs[app] ?? access.kubeconfigPath), logDir, report, controlPlaneObserver(controlPlane, app), policy);
          supervised.set(app, supervisor);
          void supervisor.run();
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
        const supervisor = superviseApp('dashboard', 'dashboard', env, logDir, report, undefined, policy);
        supervised.set('dashboard', supervisor);
        await supervisor.run();
        await waitForHttp(`${dashboardUrl}/login`, 300_000);
      });
    }
    printWelcome(out, server, access.kubeconfigPath, logDir, dashboardUrl && `${dashboardUrl}/login?token=${encodeURIComponent(access.token)}`);
    return { databaseUrl: database.url, stop, pids, failed };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Reports the starts and ends of a control-plane component's process as its static pod's status. */
function controlPlaneObserver(controlPlane: ControlPlaneRecord | undefined, app: string) {
  const component = COMPONENT_OF_APP[app];
  if (!controlPlane || !component) return undefined;
  return { started: (pid: number | undefined) => controlPlane.started(component, app, pid, appCommandLine(app)), exited: (code: number | null) => controlPlane.exited(component, code) };
}

function pidOf(instance: ManagedProcess | EmbeddedPostgres | undefined): number | undefined {
  if (!instance) return undefined;
  return 'child' in instance ? instance.child.pid : instance.pid;
}

function appCommandLine(app: string): string {
  return `node -r ./tools/register-typescript.js apps/${app}/src/main.ts`;
}

function printWelcome(out: (line: string) => void, server: string, kubeconfig: string, logDir: string, signInLink?: string): void {
  out(`\nDrydock is running. The Kubernetes API is at ${server}\n\n`);
  if (signInLink) out(`  Dashboard (this link signs you in as the admin): ${signInLink}\n\n`);
  out(`  export KUBECONFIG=${kubeconfig}\n`);
  out(`  kubectl get namespaces\n\n`);
  out(`Logs: ${logDir}. Press Ctrl-C to stop (all objects are kept for the next start).\n`);
}
