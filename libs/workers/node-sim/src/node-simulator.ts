import { join } from 'node:path';
import type { KubeClient } from '@drydock/client';
import { InformerFactory, resources, SharedInformerFactory } from '@drydock/client';
import type { Clock, KubeObject } from '@drydock/util';
import { ApiLimiter } from './kubelet/api-limiter';
import { ClusterNetwork } from './kubelet/cluster-network';
import type { ObjectLookup } from './kubelet/container-environment';
import { EventSink } from './kubelet/event-sink';
import { PodWorkers } from './kubelet/pod-workers.service';
import { ComponentPod, ResourceStatsProvider } from './kubelet/resource-stats.provider';
import { TrafficMeter } from './kubelet/traffic-meter';
import { ServiceAccountTokens } from './kubelet/service-account-tokens';
import { SimulatedNode } from './kubelet/simulated-node';
import { NodeHeartbeats } from './node/node-heartbeat.service';
import type { NodeDefinition } from './node/node-pool.config';
import { POWER_ANNOTATION } from './runtime/sim-annotations';
import { RunningKubeletServer, startKubeletServer } from './server/kubelet-server';
import { isMirrorPod } from './static-pods/mirror-pod.builder';
import { criContainers, criPods } from './node-host/cri-containers';
import { NodeHosts } from './node-host/node-hosts';
import { StaticPods } from './static-pods/static-pods.service';
import { componentExecShells } from './static-pods/component-shell';
import { EtcdDataDirRestorer } from './static-pods/etcd-data-dir.restorer';
import { etcdEndpointOptions } from './control-plane/etcd-endpoint.connector';

export interface NodeSimulatorOptions {
  client: KubeClient;
  /** The informers (default: a SharedInformerFactory over `client`; ClusterClients.informersFor shares one watch per resource across clusters). */
  informers?: InformerFactory;
  /**
   * The client each node's kubelet writes with (its Node and Lease, its pods' status and deletion, mirror
   * pods, ServiceAccount tokens): as `system:node:<name>`, which the Node authorizer and NodeRestriction
   * hold to that node. Default: `client` for every node.
   */
  kubeletClient?: (node: string) => KubeClient;
  clock: Clock;
  nodes: NodeDefinition[];
  /** Bearer token the kubelet endpoints require (the API server's kubelet-client token). */
  kubeletToken: string;
  kubeletPort?: number;
  /** The kubelet server's listen address (default 127.0.0.1) and the host Nodes advertise for it (default: that address). */
  kubeletHost?: string;
  kubeletAdvertiseHost?: string;
  /**
   * Concurrent kubelet API calls (default 64) and, apart from them, event writes and heartbeats (Lease
   * renewals, node status; default 32 each; see ApiLimiter): together the client's 128 sockets.
   */
  apiConcurrency?: number;
  eventConcurrency?: number;
  heartbeatConcurrency?: number;
  log?: (message: string) => void;
  /** Drydock's data directory: PVC-backed volumes keep their files under `<dataDir>/node-sim/volumes`. */
  dataDir?: string;
  /** Look for static pod manifests in the nodes' directories (default: when dataDir is set; only the default cluster has a control plane). */
  staticPods?: boolean;
}

export interface RunningNodeSimulator {
  endpoint: string;
  nodes: SimulatedNode[];
  /** Resolves when every node is registered (Node, status, Lease). */
  registered: Promise<void>;
  /** Stops heartbeats, pod workers, informers and the kubelet server. Nodes are not deleted. */
  stop(): Promise<void>;
}

/**
 * Many simulated kubelets in one process: one HTTP kubelet server, one informer each for pods
 * (indexed by node), nodes, ConfigMaps and Secrets shared by every node, one bounded API limiter.
 */
export async function startNodeSimulator(options: NodeSimulatorOptions): Promise<RunningNodeSimulator> {
  const log = options.log ?? ((message: string) => process.stderr.write(`node-sim: ${message}\n`));
  const { client, clock } = options;
  const kubelet = options.kubeletClient ?? (() => client);
  const limiter = new ApiLimiter(options.apiConcurrency ?? 64, options.eventConcurrency ?? 32, options.heartbeatConcurrency ?? 32);
  const events = new EventSink(client, limiter, clock, log);
  const nodes = new Map(options.nodes.map((definition) => [definition.name, new SimulatedNode(definition)]));
  const factory = options.informers ?? new SharedInformerFactory(client, { log });
  const configMaps = factory.informerFor(resources.configmaps);
  const secrets = factory.informerFor(resources.secrets);
  const tokens = new ServiceAccountTokens(kubelet);
  const lookup: ObjectLookup = { configMap: (ns, name) => configMaps.get(ns, name), secret: (ns, name) => secrets.get(ns, name), serviceAccountToken: (pod, projection) => tokens.token(pod, projection) };
  const volumesDirectory = options.dataDir ? join(options.dataDir, 'node-sim', 'volumes') : undefined;
  const pods = factory.informerFor(resources.pods, { fieldSelector: 'spec.nodeName!=' });
  const services = factory.informerFor(resources.services);
  const endpoints = factory.informerFor(resources.endpoints);
  const networkPolicies = factory.informerFor(resources.networkpolicies);
  const namespaces = factory.informerFor(resources.namespaces);
  const ingresses = factory.informerFor(resources.ingresses);
  const ingressClasses = factory.informerFor(resources.ingressclasses);
  const traffic = new TrafficMeter();
  const network = new ClusterNetwork({
    service: (ns, name) => services.get(ns, name),
    services: () => services.list(),
    endpoints: (ns, name) => endpoints.get(ns, name),
    pod: (ns, name) => pods.get(ns, name),
    pods: () => pods.list(),
    networkPolicies: () => networkPolicies.list(),
    namespace: (name) => namespaces.get('', name),
    ingresses: () => ingresses.list(),
    ingressClasses: () => ingressClasses.list(),
  }, traffic);
  let hosts: NodeHosts | undefined;
  const nodeHost = options.dataDir ? { root: (node: SimulatedNode) => hosts!.root(node), shell: (node: SimulatedNode) => hosts!.shell(node) } : undefined;
  const workers = new PodWorkers({ client, kubelet, clock, limiter, events, lookup, log, volumesDirectory, network, nodeHost }, nodes);
  const staticPods = options.dataDir && options.staticPods !== false ? new StaticPods({ client, kubelet, limiter, clock, log, dataDir: options.dataDir, nodes, pods, etcdRestorer: new EtcdDataDirRestorer({ endpoint: () => etcdEndpointOptions(options.dataDir!), log }) }) : undefined;
  const componentShell = staticPods && componentExecShells(staticPods, { pod: (namespace: string, name: string) => pods.get(namespace, name), node: (name: string) => nodes.get(name), root: (node) => hosts!.root(node), clock, dataDir: options.dataDir! });
  const stats = new ResourceStatsProvider(workers, traffic, clock, (node) => componentPods(staticPods, pods.list(), node.name));
  const server = await startKubeletServer({
    workers,
    clock,
    token: options.kubeletToken,
    port: options.kubeletPort,
    host: options.kubeletHost,
    advertiseHost: options.kubeletAdvertiseHost,
    components: staticPods && ((namespace, name) => componentOfPod(staticPods, pods.get(namespace, name))),
    componentShell,
    stats: () => stats.summaries([...nodes.values()]),
  });
  const nodeInformer = factory.informerFor(resources.nodes);
  const heartbeats = new NodeHeartbeats({ kubelet, clock, limiter, events, kubeletEndpoint: server.endpoint, log, cachedNode: (name) => nodeInformer.get('', name) });
  watchPower(nodeInformer, nodes, heartbeats, workers, log);
  if (options.dataDir) {
    const setKubelet = (node: SimulatedNode, running: boolean) => {
      node.kubeletRunning = running;
      log(`node ${node.name}: kubelet ${running ? 'started' : 'stopped'}`);
      if (!running || !node.active) return;
      heartbeats.powerOn(node).catch((error) => log(`node ${node.name}: kubelet start: ${(error as Error).message}`));
      workers.resyncNode(node.name);
    };
    const runtime = (node: SimulatedNode) => ({
      containers: () => [
        ...criContainers(workers.podsOn(node.name), (ms) => clock.realMs(ms), (entry, container) => workers.containerShell(entry, container)),
        ...(staticPods?.criContainers(node) ?? []).map((container) => ({ ...container, shell: () => componentShell?.(container.podNamespace, container.podName, container.name) })),
      ],
      pods: () => [...criPods(workers.podsOn(node.name)), ...(staticPods?.criPods(node) ?? [])],
      images: () => [...node.images],
    });
    hosts = new NodeHosts({ dataDir: options.dataDir, clock, runtime, setKubelet, node: (name) => [...nodes.values()].find((node) => node.name === name || node.hostIP === name) });
  }
  // Mirror pods of Drydock's own processes are reported by the static pods, not run by the pod workers.
  const changed = (pod: KubeObject) => {
    if (staticPods && isMirrorPod(pod)) staticPods.kick();
    if (!staticPods?.componentOf(pod)) workers.podChanged(pod);
  };
  pods.onAdd(changed).onUpdate((_old, pod) => changed(pod)).onDelete((pod) => {
    if (staticPods && isMirrorPod(pod)) staticPods.kick();
    workers.podDeleted(pod);
    tokens.forget(pod);
  });
  const registered = registerAll([...nodes.values()], heartbeats, log).then(() => {
    factory.start();
    staticPods?.start();
  });
  return { endpoint: server.endpoint, nodes: [...nodes.values()], registered, stop: () => stopAll(heartbeats, workers, factory, server, staticPods) };
}

/** Registers every Node first (so all are Ready as early as possible), then their Leases, then starts the ticks. */
async function registerAll(nodes: SimulatedNode[], heartbeats: NodeHeartbeats, log: (message: string) => void): Promise<void> {
  const step = (what: string, action: (node: SimulatedNode) => Promise<void>) => Promise.all(nodes.map((node) => withRetries(() => action(node), (error, attempt) => log(`node ${node.name}: ${what} failed (attempt ${attempt}): ${(error as Error).message}`))));
  await step('registration', (node) => heartbeats.register(node));
  await step('lease', (node) => heartbeats.ensureLease(node));
  nodes.forEach((node, position) => heartbeats.start(node, position, nodes.length));
}

const REGISTRATION_ATTEMPTS = 5;

/** Retries a failing call with back-off (0.5 s doubling); the last failure is thrown. */
async function withRetries(action: () => Promise<void>, onFailure: (error: unknown, attempt: number) => void): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      onFailure(error, attempt);
      if (attempt >= REGISTRATION_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** (attempt - 1)));
    }
  }
}

/** `sim.drydock.dev/power: "off"` stops a node's heartbeat, lease and pod updates; "on" resumes them. */
function watchPower(informer: { onAdd(h: (n: KubeObject) => void): unknown; onUpdate(h: (o: KubeObject, n: KubeObject) => void): unknown }, nodes: Map<string, SimulatedNode>, heartbeats: NodeHeartbeats, workers: PodWorkers, log: (message: string) => void): void {
  const apply = (object: KubeObject) => {
    const node = nodes.get(object.metadata.name ?? '');
    if (!node) return;
    const powered = object.metadata.annotations?.[POWER_ANNOTATION] !== 'off';
    if (powered === node.powered) return;
    node.powered = powered;
    log(`node ${node.name}: power ${powered ? 'on' : 'off'}`);
    if (!node.active) return;
    heartbeats.powerOn(node).catch((error) => log(`node ${node.name}: power on: ${(error as Error).message}`));
    workers.resyncNode(node.name);
  };
  informer.onAdd(apply);
  informer.onUpdate((_old, object) => apply(object));
}

/** The control-plane mirror pods on a node, with their processes (for their real resource usage). */
function componentPods(staticPods: StaticPods | undefined, pods: KubeObject[], nodeName: string): ComponentPod[] {
  if (!staticPods) return [];
  return pods.flatMap((pod) => {
    const state = (pod.spec as { nodeName?: string } | undefined)?.nodeName === nodeName ? staticPods.componentOf(pod) : undefined;
    return state?.running ? [{ pod, pid: state.pid, startedAt: state.startedAt }] : [];
  });
}

function componentOfPod(staticPods: StaticPods, pod: KubeObject | undefined) {
  return pod && staticPods.componentOf(pod);
}

async function stopAll(heartbeats: NodeHeartbeats, workers: PodWorkers, factory: InformerFactory, server: RunningKubeletServer, staticPods?: StaticPods): Promise<void> {
  staticPods?.stop();
  heartbeats.stop();
  workers.stop();
  await factory.stop();
  await server.close();
}
