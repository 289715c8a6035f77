import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { kubeTime } from '@drydock/kube';
import type { KubeClient } from '@drydock/client';
import { isAlreadyExists, isConflict, isNotFound, resources } from '@drydock/client';
import type { Clock, KubeObject } from '@drydock/util';
import { CONTROL_PLANE_COMPONENTS, ComponentState, processAlive, readComponentState } from '../control-plane/component-state';
import { CONTROL_PLANE_NODE, nodeRootDirectory, nodeRootsDirectory, staticPodDirectory } from '../control-plane/control-plane-node';
import type { ApiLimiter } from '../kubelet/api-limiter';
import type { SimulatedNode } from '../kubelet/simulated-node';
import type { Condition } from '../lifecycle/pod-status.builder';
import { componentPodStatus } from './component-pod.status';
import { buildMirrorPod, CONFIG_HASH_ANNOTATION, isMirrorPod } from './mirror-pod.builder';
import { readStaticPodManifests } from './static-pod-manifests.reader';
import type { EtcdDataDirRestorer } from './etcd-data-dir.restorer';
import type { CriContainer, CriPod } from '../node-host/cri-view';
import { sandboxId } from '../node-host/cri-view';
import { imageDigest, parseImageReference } from '../runtime/image-rules';

export interface StaticPodDependencies {
  client: KubeClient;
  /** The client of a node's kubelet (`system:node:<name>`): its writes go through it. */
  kubelet: (node: string) => KubeClient;
  limiter: ApiLimiter;
  clock: Clock;
  log: (message: string) => void;
  dataDir: string;
  nodes: Map<string, SimulatedNode>;
  /** The pods informer's current view (pods bound to any node). */
  pods: { list(): KubeObject[] };
  /** Brings the store back to a snapshot when the etcd manifest's data directory holds one (the control-plane node only). */
  etcdRestorer?: EtcdDataDirRestorer;
}

/** How often the manifest directories and the processes are looked at (upstream's file source: 20 s). */
const SCAN_INTERVAL_MS = 1000;

/**
 * The kubelet's static pods for every node of the process that has a manifest directory
 * (`$DRYDOCK_DATA_DIR/nodes/<node>/etc/kubernetes/manifests`): keeps one mirror pod per manifest, makes
 * it again when someone deletes it (the kubelet deletes a mirror pod marked for deletion at once and
 * recreates it), replaces it when the manifest changes and removes it with the manifest. Mirror pods of
 * ordinary containers are run by the pod workers like any pod; those of Drydock's own processes
 * (`component` etcd, kube-apiserver, kube-controller-manager, kube-scheduler, with a launcher state file)
 * get their status from the process instead.
 */
export class StaticPods {
  private timer?: NodeJS.Timeout;
  private scanning?: Promise<void>;
  private again = false;
  private readonly inFlight = new Set<string>();
  private readonly written = new Map<string, { json: string; conditions: Condition[] }>();
  private readonly skipped = new Set<string>();

  constructor(private readonly deps: StaticPodDependencies) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), SCAN_INTERVAL_MS);
    this.kick();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Informer handlers call this on every pod change: a deleted mirror pod is made again at once. */
  kick(): void {
    if (this.scanning) {
      this.again = true;
      return;
    }
    this.scanning = this.scan()
      .catch((error) => this.deps.log(`static pods: ${(error as Error).message}`))
      .finally(() => {
        this.scanning = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** The launcher's record of the process behind a control-plane mirror pod; undefined for any other pod. */
  componentOf(pod: KubeObject): ComponentState | undefined {
    const component = pod.metadata.labels?.component ?? '';
    if (!isMirrorPod(pod) || pod.metadata.namespace !== 'kube-system' || !(CONTROL_PLANE_COMPONENTS as readonly string[]).includes(component)) return undefined;
    return readComponentState(this.deps.dataDir, component);
  }

  /** The containers of the control-plane processes on `node`, as its container runtime lists them (crictl). */
  criContainers(node: SimulatedNode): CriContainer[] {
    const pods = this.deps.pods.list().filter((pod) => (pod.spec as { nodeName?: string }).nodeName === node.name);
    return pods.flatMap((pod) => {
      const state = this.componentOf(pod);
      if (!state) return [];
      const container = ((pod.spec as { containers?: Array<{ image?: string; command?: string[]; args?: string[] }> }).containers ?? [])[0];
      const image = container?.image ?? '';
      const alive = state.running && (state.pid === undefined || processAlive(state.pid));
      const { name = '', namespace = 'kube-system', uid = '' } = pod.metadata;
      return [{
        id: createHash('sha256').update(`${state.component}/${state.startedAt}`).digest('hex'),
        name: state.component,
        image,
        imageId: `sha256:${imageDigest(parseImageReference(image).canonical)}`,
        state: alive ? 'Running' : 'Exited',
        createdAt: new Date(state.startedAt),
        startedAt: state.startedAt,
        attempt: state.restartCount,
        podSandboxId: sandboxId(uid),
        podName: name,
        podNamespace: namespace,
        podUid: uid,
        // As ps on a kubeadm node shows it (`ps aux | grep kube-apiserver` is how one reads the flags).
        commandLine: [...(container?.command ?? []), ...(container?.args ?? [])].join(' '),
        log: () => {
          try {
            return readFileSync(state.logFile).subarray(state.logOffset).toString('utf8');
          } catch {
            return '';
          }
        },
      } satisfies CriContainer];
    });
  }

  /** The sandboxes of the control-plane processes' pods on `node` (crictl pods). */
  criPods(node: SimulatedNode): CriPod[] {
    return this.criContainers(node).map((container) => ({ id: container.podSandboxId, createdAt: container.createdAt, state: 'Ready', name: container.podName, namespace: container.podNamespace, uid: container.podUid }));
  }

  private async scan(): Promise<void> {
    // One readdir of the node roots, then a lookup only for the nodes that have one (few: a root is made on
    // first use), instead of a lookup per node every second (1,000 nodes: 1,000 a second).
    const roots = nodesWithRoots(this.deps.dataDir);
    const nodes = [...this.deps.nodes.values()].filter((node) => node.uid && node.active && roots.has(node.name) && existsSync(staticPodDirectory(this.deps.dataDir, node.name)));
    if (nodes.length === 0) return;
    const pods = this.deps.pods.list();
    await Promise.all(nodes.map((node) => this.syncNode(node, pods.filter((pod) => (pod.spec as { nodeName?: string }).nodeName === node.name && isMirrorPod(pod)))));
  }

  private async syncNode(node: SimulatedNode, current: KubeObject[]): Promise<void> {
    const seen = kubeTime(this.deps.clock.now());
    const manifests = readStaticPodManifests(staticPodDirectory(this.deps.dataDir, node.name), (file, problem) => this.skip(node.name, file, problem));
    const etcd = node.name === CONTROL_PLANE_NODE ? manifests.find(({ pod }) => pod.metadata.labels?.component === 'etcd') : undefined;
    if (etcd) this.deps.etcdRestorer?.check(nodeRootDirectory(this.deps.dataDir, node.name), etcd.pod);
    const desired = new Map(manifests.map(({ pod }) => {
      const mirror = buildMirrorPod(pod, { name: node.name, uid: node.uid }, seen);
      return [`${mirror.metadata.namespace}/${mirror.metadata.name}`, mirror];
    }));
    const work: Promise<void>[] = [];
    for (const pod of current) {
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      const wanted = desired.get(key);
      const stale = !wanted || wanted.metadata.annotations![CONFIG_HASH_ANNOTATION] !== pod.metadata.annotations?.[CONFIG_HASH_ANNOTATION];
      if (pod.metadata.deletionTimestamp || stale) work.push(this.deleteMirrorPod(pod));
      else {
        desired.delete(key);
        work.push(this.reportComponent(node, pod));
      }
    }
    for (const [key, mirror] of desired) if (!current.some((pod) => `${pod.metadata.namespace}/${pod.metadata.name}` === key)) work.push(this.createMirrorPod(mirror));
    await Promise.all(work);
  }

  private skip(node: string, file: string, problem: string): void {
    const key = `${node}/${file}: ${problem}`;
    if (this.skipped.has(key)) return;
    this.skipped.add(key);
    this.deps.log(`node ${node}: static pod manifest ${file} skipped: ${problem}`);
  }

  private async once(key: string, action: () => Promise<unknown>, what: string): Promise<void> {
    if (this.inFlight.has(key)) return;
    this.inFlight.add(key);
    try {
      await this.deps.limiter.run(action);
    } catch (error) {
      if (!isAlreadyExists(error) && !isNotFound(error) && !isConflict(error)) this.deps.log(`${what}: ${(error as Error).message}`);
    } finally {
      this.inFlight.delete(key);
    }
  }

  private createMirrorPod(mirror: KubeObject): Promise<void> {
    const { namespace, name } = mirror.metadata;
    return this.once(`create ${namespace}/${name}`, () => this.deps.kubelet(boundNode(mirror)).create(resources.pods, namespace!, mirror), `mirror pod ${namespace}/${name}: create`);
  }

  /** The kubelet's deleteMirrorPod: grace 0, preconditioned on the uid it saw. */
  private deleteMirrorPod(pod: KubeObject): Promise<void> {
    const { namespace, name, uid } = pod.metadata;
    this.written.delete(uid!);
    return this.once(`delete ${uid}`, () => this.deps.kubelet(boundNode(pod)).delete(resources.pods, namespace!, name!, { gracePeriodSeconds: 0, preconditions: { uid } }), `mirror pod ${namespace}/${name}: delete`);
  }

  /** Writes the status of a control-plane mirror pod from its process, when it changed. */
  private async reportComponent(node: SimulatedNode, pod: KubeObject): Promise<void> {
    const state = this.componentOf(pod);
    if (!state) return;
    const alive = state.running && (state.pid === undefined || processAlive(state.pid));
    const uid = pod.metadata.uid!;
    const previous = this.written.get(uid);
    const status = componentPodStatus(pod, state, alive, node.hostIP, kubeTime(this.deps.clock.now()), previous?.conditions ?? ((pod.status as { conditions?: Condition[] } | undefined)?.conditions ?? []));
    const json = JSON.stringify(status);
    if (previous?.json === json) return;
    this.written.set(uid, { json, conditions: status.conditions as Condition[] });
    const { namespace, name } = pod.metadata;
    await this.once(`status ${uid}`, () => this.deps.kubelet(node.name).patch(resources.pods, namespace!, name!, { status }, 'merge', { subresource: 'status' }), `mirror pod ${namespace}/${name}: status`);
  }
}

/** The names of the nodes that have a root directory. */
function nodesWithRoots(dataDir: string): Set<string> {
  try {
    return new Set(readdirSync(nodeRootsDirectory(dataDir)));
  } catch {
    return new Set();
  }
}

/** The node a mirror pod is bound to. */
function boundNode(pod: KubeObject): string {
  return (pod.spec as { nodeName?: string } | undefined)?.nodeName ?? '';
}
