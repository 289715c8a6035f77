import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Clock, createClock, KubeObject } from '@drydock/util';
import { ClusterClients, clusterClock, ClusterSet, createKubeClient, DEFAULT_CLUSTER, EventRecorder, KubeClient, LeaderElector, loadKubeconfig, serveDiscoveredClusters } from '@drydock/client';
import { type Controller, type ControllerContext, QueueReconciler } from './controller-context';
import { ControllerSettings, controllerDefinitions } from './controller-registry';
import { DEFAULT_TERMINATED_POD_THRESHOLD } from './podgc/pod-gc-decisions';
import { LoadBalancerPool } from './service/load-balancer-pool';
import { ServiceAccountCredentials } from './service-account-credentials';

export interface ControllerManagerOptions {
  kubeconfigPath: string;
  clock?: Clock;
  /** Leader election on Lease kube-system/kube-controller-manager (default true). */
  leaderElection?: boolean;
  /** The candidate's identity (default `<hostname>_<uuid>`, as upstream). */
  identity?: string;
  /** Lease timings in simulated ms (upstream 15 s / 10 s / 2 s). */
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
  /** Only these controllers (names of controllerDefinitions; default all). */
  controllers?: string[];
  settings?: Partial<ControllerSettings>;
  /** Also serve the sandbox clusters the default cluster's Cluster objects name (default true). */
  discoverClusters?: boolean;
  /**
   * --use-service-account-credentials: each controller acts as its ServiceAccount in kube-system (its
   * `system:controller:<account>` role), the shared informers as the kubeconfig's user. Default false:
   * every controller acts as the kubeconfig's user (as upstream's default).
   */
  useServiceAccountCredentials?: boolean;
  log?: (message: string) => void;
}

export interface RunningControllerManager {
  readonly identity: string;
  isLeader(): boolean;
  /** The clusters whose controllers run now (none while standing by). */
  clusters(): string[];
  /** Keys waiting in each controller's work queue, in the default cluster (upstream's workqueue_depth). */
  workQueueDepths(): Record<string, number>;
  /** Resolves when the manager stopped: `stopped` after stop(), `lost` when leadership was lost. */
  readonly done: Promise<'stopped' | 'lost'>;
  /** Stops the controllers and, when leading, releases the Lease so a standby takes over at once. */
  stop(): Promise<void>;
}

/**
 * kube-controller-manager: campaigns for the Lease, and while leading runs every controller for every
 * cluster, each cluster over its own shared informer factory and work queues (a new cluster needs no
 * new process, and one cluster's backlog is in its own queues). One Lease per process, in the default
 * cluster: leadership decides which process does the work, and a Lease per cluster would add a renewal
 * every 2 s per cluster and process for nothing. Losing the lease stops the controllers (upstream exits
 * the process; the app does so on `done === 'lost'`). Invalid settings (a load balancer pool that does
 * not parse) throw before anything starts, as upstream's flag parsing does.
 */
export async function startControllerManager(options: ControllerManagerOptions): Promise<RunningControllerManager> {
  if (options.settings?.loadBalancerPool) LoadBalancerPool.parse(options.settings.loadBalancerPool);
  const log = options.log ?? ((message: string) => process.stderr.write(`controller-manager: ${message}\n`));
  const clock = options.clock ?? createClock(1);
  const identity = options.identity ?? `${hostname()}_${randomUUID()}`;
  const kubeconfig = loadKubeconfig(options.kubeconfigPath, 'kube-controller-manager');
  const clients = new ClusterClients(kubeconfig);
  options = { ...options, settings: { rootCa: kubeconfig.caCert, ...options.settings } };
  let running: ClusterSet<RunningControllers, KubeObject> | undefined;
  let discovery: { stop(): Promise<void> } | undefined;
  let stopping = false;
  let resolveDone!: (reason: 'stopped' | 'lost') => void;
  const done = new Promise<'stopped' | 'lost'>((resolve) => (resolveDone = resolve));
  const lead = async () => {
    const clusters = new ClusterSet<RunningControllers, KubeObject>((cluster, object) => runControllers(clients, cluster, clusterClock(object, clock), options, clusterLog(log, cluster)), log);
    running = clusters;
    await clusters.add(DEFAULT_CLUSTER);
    if (options.discoverClusters !== false && running === clusters) discovery = serveDiscoveredClusters(clusters, clients, log);
  };
  const stopControllers = async () => {
    const current = running;
    running = undefined;
    await discovery?.stop();
    discovery = undefined;
    await current?.stop();
  };
  const clusterNames = () => running?.names() ?? [];
  const workQueueDepths = () => running?.get(DEFAULT_CLUSTER)?.workQueueDepths() ?? {};
  if (options.leaderElection === false) {
    await lead();
    return { identity, isLeader: () => true, clusters: clusterNames, workQueueDepths, done, stop: async () => { await stopControllers(); clients.close(); resolveDone('stopped'); } };
  }
  // The Lease on sockets of its own: its renewal must not queue behind every cluster's lists.
  const electionClient = createKubeClient(kubeconfig);
  const elector = new LeaderElector({
    client: electionClient, namespace: 'kube-system', name: 'kube-controller-manager', identity, clock, log,
    leaseDurationMs: options.leaseDurationMs, renewDeadlineMs: options.renewDeadlineMs, retryPeriodMs: options.retryPeriodMs,
    onStartedLeading: () => { log(`${identity} became leader`); void lead().catch((error: Error) => log(`starting controllers failed: ${error.stack ?? error.message}`)); },
    onStoppedLeading: () => { void stopControllers().then(() => { if (!stopping) { log('leader election lost'); resolveDone('lost'); } }); },
  });
  void elector.run();
  return {
    identity,
    isLeader: () => elector.isLeader(),
    clusters: clusterNames,
    workQueueDepths,
    done,
    stop: async () => {
      stopping = true;
      await elector.stop({ release: true });
      await stopControllers();
      clients.close();
      electionClient.close();
      resolveDone('stopped');
    },
  };
}

/** The default cluster's lines as before; another cluster's lines name it. */
function clusterLog(log: (message: string) => void, cluster: string): (message: string) => void {
  return cluster === DEFAULT_CLUSTER ? log : (message) => log(`[cluster ${cluster}] ${message}`);
}

interface RunningControllers {
  stop(): Promise<void>;
  workQueueDepths(): Record<string, number>;
}

/** Every enabled controller of one cluster over its own informers; Drydock's own (teams) only in the default cluster. */
async function runControllers(clients: ClusterClients, cluster: string, clock: Clock, options: ControllerManagerOptions, log: (message: string) => void): Promise<RunningControllers> {
  const root = clients.forCluster(cluster);
  // Views of the process's informers of every cluster: one watch per resource for all clusters.
  const informers = clients.informersFor(cluster, log);
  const recorders: EventRecorder[] = [];
  const contextFor = (client: KubeClient): ControllerContext => ({
    client, informers, clock, log, cluster,
    eventsFor: (component) => { const recorder = new EventRecorder(client, { component, clock, log }); recorders.push(recorder); return recorder; },
  });
  const settings: ControllerSettings = { terminatedPodGcThreshold: DEFAULT_TERMINATED_POD_THRESHOLD, nodeMonitorGracePeriodMs: 40_000, ...options.settings };
  const enabled = controllerDefinitions.filter((def) => (!options.controllers || options.controllers.includes(def.name)) && (!def.defaultClusterOnly || cluster === DEFAULT_CLUSTER));
  const credentials = options.useServiceAccountCredentials ? new ServiceAccountCredentials(root, (tokenSource, onUnauthorized) => clients.forClusterAs(cluster, tokenSource, onUnauthorized), log) : undefined;
  const sharedContext = contextFor(root);
  const controllers: { controller: Controller; workers: number }[] = enabled.map((def) => ({ controller: def.create(credentials ? contextFor(credentials.clientFor(def.serviceAccount)) : sharedContext, settings), workers: def.workers }));
  informers.start();
  const startedAt = Date.now();
  const took = { caches: 0, tokens: 0 };
  try {
    // The controllers' first tokens are requested while the caches fill.
    const [synced] = await Promise.all([
      informers.waitForCacheSync(60_000).then((done) => ((took.caches = Date.now() - startedAt), done)),
      credentials?.ready().then(() => (took.tokens = Date.now() - startedAt)),
    ]);
    if (!synced) log('caches did not sync within 60 s; starting anyway');
  } catch (error) {
    credentials?.stop();
    await informers.stop();
    throw error;
  }
  const loops = controllers.map(({ controller, workers }) => controller.run(workers));
  // How long the start waited, and for what: a slow start under load shows in the log, not only in a test's timeout.
  log(`started ${enabled.map((def) => def.name).join(', ')} (caches synced in ${took.caches} ms${credentials ? `, controllers' tokens in ${took.tokens} ms` : ''})`);
  return {
    workQueueDepths: () => Object.fromEntries(controllers.filter(({ controller }) => controller instanceof QueueReconciler).map(({ controller }) => [controller.name, (controller as QueueReconciler).queue.len()])),
    stop: async () => {
      for (const { controller } of controllers) controller.stop();
      await Promise.all(loops);
      await informers.stop();
      await Promise.all(recorders.map((recorder) => recorder.shutdown()));
      credentials?.stop();
    },
  };
}
