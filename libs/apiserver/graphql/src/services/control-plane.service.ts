import { Inject, Injectable, Optional } from '@nestjs/common';
import { isForbidden, resources } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import type { GraphqlContext } from '../graphql-context';
import type { ControlPlane, ControlPlaneComponent, ControlPlaneFigure } from '../models/control-plane.model';
import { podRestarts, podStatusColumn } from '../presenters/pod.presenter';
import { metricSamples } from '../presenters/prometheus-text.presenter';

/** Reads a control-plane component's current metrics (Prometheus text), or undefined when it publishes none. */
export type ComponentMetricsReader = (component: string) => Promise<string | undefined>;
export const COMPONENT_METRICS = Symbol('COMPONENT_METRICS');

/** kubeadm's four static pods and what each is in Drydock. */
const COMPONENTS = [
  { name: 'etcd', role: "the store (PostgreSQL), served as etcd's key space" },
  { name: 'kube-apiserver', role: 'the API server process' },
  { name: 'kube-controller-manager', role: 'the controller-manager process', lease: 'kube-controller-manager' },
  { name: 'kube-scheduler', role: 'the scheduler process', lease: 'kube-scheduler' },
] as const;

const SAMPLE_WINDOW_MS = 60_000;

interface Sample {
  at: number;
  revision: number;
}

const condition = (object: KubeObject, type: string) => ((object['status'] as { conditions?: Array<{ type: string; status: string; reason?: string }> } | undefined)?.conditions ?? []).find((c) => c.type === type);

/** The scheduler's own queue (scheduler_pending_pods) when it publishes it; else as the API shows it. */
function schedulerFigures(pods: KubeObject[], metrics: string | undefined): ControlPlaneFigure[] {
  const queues = metrics ? metricSamples(metrics, 'scheduler_pending_pods') : [];
  if (queues.length > 0) {
    const count = (queue: string) => queues.find((sample) => sample.labels['queue'] === queue)?.value ?? 0;
    const total = queues.reduce((sum, sample) => sum + sample.value, 0);
    return [{ label: 'Scheduling queue', value: `${total} pods`, source: `scheduler_pending_pods: ${count('active')} active, ${count('backoff')} backoff, ${count('unschedulable')} unschedulable` }];
  }
  const waiting = pods.filter((pod) => !(pod['spec'] as { nodeName?: string } | undefined)?.nodeName && !pod.metadata.deletionTimestamp && (pod['status'] as { phase?: string } | undefined)?.phase === 'Pending');
  const unschedulable = waiting.filter((pod) => condition(pod, 'PodScheduled')?.reason === 'Unschedulable').length;
  return [{ label: 'Scheduling queue', value: `${waiting.length} pods`, source: `${unschedulable} unschedulable, ${waiting.length - unschedulable} active or backing off` }];
}

/** The deepest work queues (workqueue_depth), when the controller-manager publishes them. */
function workQueueFigures(metrics: string | undefined): ControlPlaneFigure[] {
  const depths = metrics ? metricSamples(metrics, 'workqueue_depth') : [];
  if (depths.length === 0) return [];
  const total = depths.reduce((sum, sample) => sum + sample.value, 0);
  const busiest = depths.filter((sample) => sample.value > 0).sort((a, b) => b.value - a.value).slice(0, 3);
  return [{ label: 'Work queues', value: `${total} keys`, source: busiest.length ? busiest.map((sample) => `${sample.labels['name']} ${sample.value}`).join(', ') : `${depths.length} controllers, all idle` }];
}

/** What the controllers have in hand: rollouts not finished and workloads short of their replicas. */
function controllerFigures(deployments: KubeObject[], replicaSets: KubeObject[]): ControlPlaneFigure[] {
  const status = (object: KubeObject) => (object['status'] ?? {}) as { replicas?: number; updatedReplicas?: number; readyReplicas?: number; observedGeneration?: number };
  const wanted = (object: KubeObject) => (object['spec'] as { replicas?: number } | undefined)?.replicas ?? 1;
  const rolling = deployments.filter((d) => (status(d).observedGeneration ?? 0) < (d.metadata.generation ?? 0) || (status(d).updatedReplicas ?? 0) < wanted(d) || (status(d).replicas ?? 0) > wanted(d)).length;
  const short = replicaSets.filter((rs) => (status(rs).readyReplicas ?? 0) < wanted(rs)).length;
  return [
    { label: 'Rollouts in progress', value: String(rolling), source: 'Deployments whose new ReplicaSet is not yet complete' },
    { label: 'ReplicaSets short of ready pods', value: String(short), source: 'what the replicaset controller is waiting on' },
  ];
}

/**
 * The control plane as parts, for the dashboard: each component's static pod (health, restarts), its
 * leader-election Lease, and what it is doing now, read as the caller (RBAC applies; what the caller may
 * not read is left out). The write rate comes from this process's own samples of the store's revision.
 */
@Injectable()
export class ControlPlaneService {
  private samples: Sample[] = [];

  constructor(@Optional() @Inject(COMPONENT_METRICS) private readonly componentMetrics?: ComponentMetricsReader) {}

  async controlPlane(ctx: GraphqlContext): Promise<ControlPlane> {
    ctx.loader.widen();
    const optional = <T>(promise: Promise<T>, fallback: T) => promise.catch((error) => (isForbidden(error) ? fallback : Promise.reject(error)));
    const [systemPods, leases, allPods, deployments, replicaSets] = await Promise.all([
      optional(ctx.kube.list(resources.pods, { namespace: 'kube-system' }), { items: [], resourceVersion: '' }),
      optional(ctx.kube.list(resources.leases, { namespace: 'kube-system' }), { items: [], resourceVersion: '' }),
      optional(ctx.loader.list(resources.pods), []),
      optional(ctx.loader.list(resources.deployments), []),
      optional(ctx.loader.list(resources.replicasets), []),
    ]);
    // The components' own figures are for who may read kube-system's pods (where the components are shown).
    const readMetrics = (component: string) => (systemPods.items.length > 0 && this.componentMetrics ? this.componentMetrics(component).catch(() => undefined) : Promise.resolve(undefined));
    const [schedulerMetrics, controllerMetrics] = await Promise.all([readMetrics('kube-scheduler'), readMetrics('kube-controller-manager')]);
    const revision = Math.max(Number(systemPods.resourceVersion || 0), Number(leases.resourceVersion || 0));
    const writesPerSecond = this.sample(revision);
    const components = COMPONENTS.map((component): ControlPlaneComponent => {
      const pod = systemPods.items.find((p) => p.metadata.labels?.['component'] === component.name && p.metadata.labels?.['tier'] === 'control-plane');
      const lease = 'lease' in component ? leases.items.find((l) => l.metadata.name === component.lease) : undefined;
      const spec = (lease?.['spec'] ?? {}) as { holderIdentity?: string; renewTime?: string };
      const figures = component.name === 'etcd'
        ? [{ label: 'Revision', value: String(revision), source: 'the latest resourceVersion' }, { label: 'Writes', value: writesPerSecond === undefined ? '—' : `${writesPerSecond.toFixed(1)}/s`, source: 'over the last minute' }]
        : component.name === 'kube-scheduler' ? schedulerFigures(allPods, schedulerMetrics)
        : component.name === 'kube-controller-manager' ? [...workQueueFigures(controllerMetrics), ...controllerFigures(deployments, replicaSets)]
        : [];
      return {
        name: component.name,
        role: component.role,
        podName: pod?.metadata.name,
        nodeName: (pod?.['spec'] as { nodeName?: string } | undefined)?.nodeName,
        status: pod ? podStatusColumn(pod) : 'Missing',
        healthy: pod ? condition(pod, 'Ready')?.status === 'True' : false,
        restarts: pod ? podRestarts(pod) : 0,
        startedAt: (pod?.['status'] as { startTime?: string } | undefined)?.startTime,
        leaseHolder: spec.holderIdentity,
        leaseRenewTime: spec.renewTime,
        figures,
      };
    });
    return { components, revision, writesPerSecond };
  }

  /** Records the revision now and answers the writes per second since the oldest sample of the last minute. */
  private sample(revision: number): number | undefined {
    const now = Date.now();
    if (revision > 0) this.samples.push({ at: now, revision });
    this.samples = this.samples.filter((sample) => now - sample.at <= SAMPLE_WINDOW_MS);
    const [oldest] = this.samples;
    if (!oldest || now - oldest.at < 1000) return undefined;
    return Math.max(0, revision - oldest.revision) / ((now - oldest.at) / 1000);
  }
}
