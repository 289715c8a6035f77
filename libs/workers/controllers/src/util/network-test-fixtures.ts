import { createClock, KubeObject } from '@drydock/util';
import { FakeKubeClient, ResourceRef, SharedInformerFactory, WatchEvent, WatchHandle, WatchOptions } from '@drydock/client';
import type { ControllerContext } from '../controller-context';
import type { Service } from './network.types';
import type { Pod } from './workload.types';

/**
 * A FakeKubeClient that names generateName objects as the API server does (`<prefix><5 chars>`) and
 * can hold back the watch events of some resources (an informer cache behind the writes).
 */
export class NamingFakeClient extends FakeKubeClient {
  readonly held = new Set<string>();
  private readonly backlog: (() => void)[] = [];
  private sequence = 0;

  override watch<T extends KubeObject>(ref: ResourceRef, options: WatchOptions, onEvent: (event: WatchEvent<T>) => void): WatchHandle {
    return super.watch<T>(ref, options, (event) => (this.held.has(ref.resource) ? this.backlog.push(() => onEvent(event)) : onEvent(event)));
  }

  release(): void {
    this.held.clear();
    for (const deliver of this.backlog.splice(0)) deliver();
  }

  override async create<T extends KubeObject>(ref: ResourceRef, namespace: string, object: T): Promise<T> {
    const named = object.metadata.name ? object : { ...object, metadata: { ...object.metadata, name: `${object.metadata.generateName}${String(++this.sequence).padStart(5, 'x')}` } };
    return super.create(ref, namespace, named);
  }
}

/** A controller context over a fake client, its events collected as `reason message`. */
export function fakeContext(client = new NamingFakeClient()): { client: NamingFakeClient; informers: SharedInformerFactory; ctx: ControllerContext; events: string[] } {
  const informers = new SharedInformerFactory(client, { log: () => undefined });
  const events: string[] = [];
  const ctx: ControllerContext = { client, informers, clock: createClock(1), log: () => undefined, eventsFor: () => ({ event: (_o, _t, reason, message) => events.push(`${reason} ${message}`) }) };
  return { client, informers, ctx, events };
}

export function testService(name: string, spec: Service['spec'] = {}): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'ns', labels: { app: name } }, spec: { type: 'ClusterIP', clusterIP: '10.96.0.10', ipFamilies: ['IPv4'], selector: { app: name }, ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }], ...spec } };
}

const readyAt = '2026-12-06T10:00:00Z';

/** A pod of `app` on node-1 with IP `ip`, Ready unless `ready: false`. */
export function testPod(name: string, app: string, ip: string, options: { ready?: boolean; ports?: { name: string; containerPort: number }[]; node?: string } = {}): Pod {
  const ready = options.ready !== false;
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: 'ns', labels: { app } },
    spec: { nodeName: options.node ?? 'node-1', containers: [{ name: 'c', image: 'nginx', ports: options.ports }] },
    status: { phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: readyAt }] },
  };
}

export async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 20));
}
