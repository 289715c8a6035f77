import { isDeepStrictEqual } from 'node:util';
import { kubeTime, matchesLabels, parseLabelSelector, setStatusCondition } from '@drydock/kube';
import type { Informer, ResourceRef } from '@drydock/client';
import { resources, splitMetaNamespaceKey } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import { ControllerContext, QueueReconciler } from '../controller-context';
import type { Pod } from '../util/workload.types';
import { computeReplicasForMetric, MetricError, MetricProposal, MetricSpec } from './metric-replicas';
import type { CalculatorSettings } from './replica-calculator';
import { AutoscalerMemory, Behavior, behaviorWithDefaults, ConditionUpdate, newAutoscalerMemory, normalizeDesiredReplicas, normalizeDesiredReplicasWithBehaviors, storeScaleEvent } from './replica-normalization';

/** kube-controller-manager's HPA flags (simulated ms): sync period, downscale stabilization, CPU initialization, readiness delay, tolerance. */
export const hpaSyncPeriodMs = 15_000;
const downscaleStabilizationMs = 5 * 60_000;
const cpuInitializationPeriodMs = 5 * 60_000;
const initialReadinessDelayMs = 30_000;
const tolerance = 0.1;

interface Condition { type: string; status: string; reason: string; message: string; lastTransitionTime?: string }
interface HpaSpec { scaleTargetRef?: { apiVersion?: string; kind?: string; name?: string }; minReplicas?: number; maxReplicas?: number; metrics?: MetricSpec[]; behavior?: Behavior; targetCPUUtilizationPercentage?: number }
type Hpa = KubeObject & { spec?: HpaSpec; status?: { conditions?: Condition[]; lastScaleTime?: string; desiredReplicas?: number; [key: string]: unknown } };
interface Scale extends KubeObject { spec?: { replicas?: number }; status?: { replicas?: number; selector?: string } }

/** What one reconcile builds up: the status conditions (in upstream's setCondition order) and the metrics' statuses. */
interface Reconciliation { hpa: Hpa; spec: HpaSpec; conditions: Condition[]; metricStatuses?: Record<string, unknown>[] }

/** The scalable kinds (upstream finds them through the RESTMapper; the scale client then reads `/scale`). */
const scaleTargets: ResourceRef[] = [resources.deployments, resources.replicasets, resources.statefulsets, resources.replicationcontrollers];

/** autoscaling/v1 objects are stored as sent; the controller works on their v2 form (upstream's conversion). */
const isV1 = (hpa: Hpa) => !Array.isArray(hpa.spec?.metrics);
function v2Spec(hpa: Hpa): HpaSpec {
  const spec = hpa.spec ?? {};
  if (!isV1(hpa)) return spec;
  return { ...spec, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage ?? 80 } } }] };
}

/**
 * pkg/controller/podautoscaler (horizontal.go): every HorizontalPodAutoscaler is reconciled when it
 * changes and every 15 s (simulated): the target's scale, each metric's proposal from the pods' usage
 * (metrics.k8s.io), normalized by the stabilization window or the behavior's policies and min/max,
 * then `/scale` updated with a SuccessfulRescale event and the status written with upstream's
 * conditions (AbleToScale, ScalingActive, ScalingLimited).
 */
export class HorizontalPodAutoscalerReconciler extends QueueReconciler {
  private readonly hpas: Informer<Hpa>;
  private readonly pods: Informer<Pod>;
  private readonly memory = new Map<string, AutoscalerMemory>();

  constructor(ctx: ControllerContext) {
    super('horizontal-pod-autoscaler', ctx);
    this.hpas = ctx.informers.informerFor<Hpa>(resources.horizontalpodautoscalers);
    this.pods = ctx.informers.informerFor<Pod>(resources.pods);
    // sync() re-adds each key every period, as upstream's rate-limited queue does; so an update is enqueued
    // only when its spec changed, not for the status this controller just wrote (that reconciled the HPA
    // again at once and overwrote the rescale's conditions).
    this.hpas.addEventHandler({
      onAdd: (hpa) => this.enqueue(hpa),
      onUpdate: (old, hpa) => {
        if (!isDeepStrictEqual(old.spec, hpa.spec)) this.enqueue(hpa);
      },
      onDelete: (hpa) => this.memory.delete(`${hpa.metadata.namespace}/${hpa.metadata.name}`),
    });
  }

  private now(): number {
    return this.ctx.clock.simulatedSince(0);
  }

  async sync(key: string): Promise<void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const hpa = this.hpas.get(namespace, name);
    if (!hpa) return void this.memory.delete(key);
    // Upstream's queue re-adds every key after the resync period, whatever the outcome, and an error
    // is only logged: a failing HPA is retried at the next period, not on a growing back-off.
    this.queue.addAfter(key, hpaSyncPeriodMs);
    if (!this.memory.has(key)) this.memory.set(key, newAutoscalerMemory());
    try {
      await this.reconcile(key, structuredClone(hpa));
    } catch (error) {
      this.ctx.log(`${this.name}: ${key}: ${(error as Error).message}`);
    }
  }

  private setCondition(run: Reconciliation, update: Omit<Condition, 'lastTransitionTime'>): void {
    run.conditions = setStatusCondition(run.conditions, update, this.ctx.clock.now());
  }

  /** reconcileAutoscaler. */
  private async reconcile(key: string, hpa: Hpa): Promise<void> {
    const spec = v2Spec(hpa);
    const run: Reconciliation = { hpa, spec, conditions: [...(hpa.status?.conditions ?? [])] };
    const ref = spec.scaleTargetRef ?? {};
    const reference = `${ref.kind}/${hpa.metadata.namespace}/${ref.name}`;
    let scale: Scale;
    let target: ResourceRef;
    try {
      [scale, target] = await this.getScale(hpa.metadata.namespace ?? '', ref);
    } catch (error) {
      const message = (error as Error).message;
      this.events.event(hpa, 'Warning', 'FailedGetScale', message);
      this.setCondition(run, { type: 'AbleToScale', status: 'False', reason: 'FailedGetScale', message: `the HPA controller was unable to get the target's current scale: ${message}` });
      await this.writeStatus(run, hpa.status?.currentReplicas as number ?? 0, hpa.status?.desiredReplicas ?? 0, false);
      throw new Error(`failed to query scale subresource for ${reference}: ${message}`);
    }
    this.setCondition(run, { type: 'AbleToScale', status: 'True', reason: 'SucceededGetScale', message: "the HPA controller was able to get the target's current scale" });
    const currentReplicas = scale.spec?.replicas ?? 0;
    const memory = this.memory.get(key)!;
    if (memory.recommendations.length === 0) memory.recommendations.push({ recommendation: currentReplicas, atMs: this.now() });
    const minReplicas = spec.minReplicas ?? 1;
    const maxReplicas = spec.maxReplicas ?? 1;
    let desiredReplicas = 0;
    let rescaleReason = '';
    let rescale = true;
    if (currentReplicas === 0 && minReplicas !== 0) {
      rescale = false;
      this.setCondition(run, { type: 'ScalingActive', status: 'False', reason: 'ScalingDisabled', message: 'scaling is disabled since the replica count of the target is zero' });
    } else if (currentReplicas > maxReplicas) {
      [rescaleReason, desiredReplicas] = ['Current number of replicas above Spec.MaxReplicas', maxReplicas];
    } else if (currentReplicas < minReplicas) {
      [rescaleReason, desiredReplicas] = ['Current number of replicas below Spec.MinReplicas', minReplicas];
    } else {
      const computed = await this.computeReplicasForMetrics(run, scale);
      if (computed.error && computed.replicas === -1) {
        await this.writeStatus(run, currentReplicas, hpa.status?.desiredReplicas ?? 0, false);
        this.events.event(hpa, 'Warning', 'FailedComputeMetricsReplicas', computed.error);
        throw new Error(`failed to compute desired number of replicas based on listed metrics for ${reference}: ${computed.error}`);
      }
      desiredReplicas = Math.max(0, computed.replicas);
      if (desiredReplicas > currentReplicas) rescaleReason = `${computed.metric} above target`;
      if (desiredReplicas < currentReplicas) rescaleReason = 'All metrics below target';
      desiredReplicas = this.normalize(run, memory, { nowMs: this.now(), currentReplicas, desiredReplicas, minReplicas, maxReplicas });
      rescale = desiredReplicas !== currentReplicas;
    }
    if (rescale) {
      try {
        await this.ctx.client.update(target, { ...scale, spec: { ...scale.spec, replicas: desiredReplicas } }, { subresource: 'scale' });
      } catch (error) {
        const message = (error as Error).message;
        this.events.event(hpa, 'Warning', 'FailedRescale', `New size: ${desiredReplicas}; reason: ${rescaleReason}; error: ${message}`);
        this.setCondition(run, { type: 'AbleToScale', status: 'False', reason: 'FailedUpdateScale', message: `the HPA controller was unable to update the target scale: ${message}` });
        await this.writeStatus(run, currentReplicas, hpa.status?.desiredReplicas ?? 0, false);
        throw new Error(`failed to rescale ${reference}: ${message}`);
      }
      this.setCondition(run, { type: 'AbleToScale', status: 'True', reason: 'SucceededRescale', message: `the HPA controller was able to update the target scale to ${desiredReplicas}` });
      this.events.event(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desiredReplicas}; reason: ${rescaleReason}`);
      storeScaleEvent(memory, spec.behavior ? behaviorWithDefaults(spec.behavior, downscaleStabilizationMs / 1000) : undefined, this.now(), currentReplicas, desiredReplicas);
    } else {
      desiredReplicas = currentReplicas;
    }
    await this.writeStatus(run, currentReplicas, desiredReplicas, rescale);
  }

  /** The target's resource (by its group and kind) and its autoscaling/v1 Scale. */
  private async getScale(namespace: string, ref: NonNullable<HpaSpec['scaleTargetRef']>): Promise<[Scale, ResourceRef]> {
    const group = (ref.apiVersion ?? '').includes('/') ? ref.apiVersion!.split('/')[0] : '';
    const target = scaleTargets.find((candidate) => candidate.group === group && candidate.kind === ref.kind);
    if (!target) throw new Error(`no matches for kind "${ref.kind}" in group "${group}"`);
    const scale = await this.ctx.client.get<Scale>(target, namespace, ref.name ?? '', { subresource: 'scale' });
    if (!scale) throw new Error(`${target.group ? `${target.resource}.${target.group}` : target.resource} "${ref.name}" not found`);
    return [scale, target];
  }

  private normalize(run: Reconciliation, memory: AutoscalerMemory, args: Parameters<typeof normalizeDesiredReplicas>[1]): number {
    const result = run.spec.behavior
      ? normalizeDesiredReplicasWithBehaviors(memory, args, behaviorWithDefaults(run.spec.behavior, downscaleStabilizationMs / 1000))
      : normalizeDesiredReplicas(memory, args, downscaleStabilizationMs);
    for (const update of result.conditions as ConditionUpdate[]) this.setCondition(run, update);
    return result.replicas;
  }

  /** computeReplicasForMetrics: the largest proposal; -1 with an error when every metric failed, or some failed on a scale-down. */
  private async computeReplicasForMetrics(run: Reconciliation, scale: Scale): Promise<{ replicas: number; metric: string; error?: string }> {
    const selector = scale.status?.selector ?? '';
    const invalid = (reason: string, event: string, message: string) => {
      this.events.event(run.hpa, 'Warning', reason, event);
      this.setCondition(run, { type: 'ScalingActive', status: 'False', reason: 'InvalidSelector', message });
      return { replicas: -1, metric: '', error: event };
    };
    if (!selector) return invalid('SelectorRequired', 'selector is required', "the HPA target's scale is missing a selector");
    let pods: Pod[];
    try {
      const parsed = parseLabelSelector(selector);
      pods = this.pods.list(run.hpa.metadata.namespace ?? '').filter((pod) => matchesLabels(parsed, pod.metadata.labels));
    } catch (error) {
      return invalid('InvalidSelector', (error as Error).message, `the HPA target's scale has an invalid selector: ${(error as Error).message}`);
    }
    const specs = run.spec.metrics ?? [];
    const context = { client: this.ctx.client, namespace: run.hpa.metadata.namespace ?? '', selector, pods, specReplicas: scale.spec?.replicas ?? 0, settings: this.settings(run.spec) };
    run.metricStatuses = specs.map(() => ({ type: '' }));
    let best: MetricProposal | undefined;
    let failure: MetricError | undefined;
    let failures = 0;
    for (const [i, spec] of specs.entries()) {
      try {
        const proposal = await computeReplicasForMetric(context, spec);
        run.metricStatuses[i] = proposal.status;
        if (!best || proposal.replicas > best.replicas) best = proposal;
      } catch (error) {
        const metricError = error instanceof MetricError ? error : new MetricError('FailedGetResourceMetric', (error as Error).message, (error as Error).message);
        this.events.event(run.hpa, 'Warning', metricError.reason, metricError.detail);
        failure ??= metricError;
        failures++;
      }
    }
    const error = failure && `invalid metrics (${failures} invalid out of ${specs.length}), first error is: ${failure.message}`;
    if (failure && (failures >= specs.length || (best?.replicas ?? 0) < context.specReplicas)) {
      this.setCondition(run, { type: 'ScalingActive', status: 'False', reason: failure.reason, message: `the HPA was unable to compute the replica count: ${failure.detail}` });
      return { replicas: -1, metric: '', error };
    }
    this.setCondition(run, { type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound', message: `the HPA was able to successfully calculate a replica count from ${best?.name ?? ''}` });
    return { replicas: best?.replicas ?? 0, metric: best?.name ?? '', error };
  }

  private settings(spec: HpaSpec): CalculatorSettings {
    const { clock } = this.ctx;
    const ruleTolerance = (rules?: { tolerance?: string | number }) => (rules?.tolerance !== undefined ? Number(rules.tolerance) : tolerance);
    const behavior = spec.behavior as { scaleUp?: { tolerance?: string }; scaleDown?: { tolerance?: string } } | undefined;
    return {
      nowMs: Date.now(),
      cpuInitializationPeriodMs: clock.realMs(cpuInitializationPeriodMs),
      delayOfInitialReadinessStatusMs: clock.realMs(initialReadinessDelayMs),
      tolerance: { scaleUp: ruleTolerance(behavior?.scaleUp), scaleDown: ruleTolerance(behavior?.scaleDown) },
    };
  }

  /** setStatus and updateStatusIfNeeded: the status in the object's own version, written only when it changed. */
  private async writeStatus(run: Reconciliation, currentReplicas: number, desiredReplicas: number, rescaled: boolean): Promise<void> {
    const { hpa } = run;
    const lastScaleTime = rescaled ? kubeTime(this.ctx.clock.now()) : hpa.status?.lastScaleTime;
    const cpu = run.metricStatuses?.find((status) => status.type === 'Resource') as { resource?: { current?: { averageUtilization?: number } } } | undefined;
    const status = isV1(hpa)
      ? { ...(lastScaleTime ? { lastScaleTime } : {}), currentReplicas, desiredReplicas, ...(cpu?.resource?.current?.averageUtilization !== undefined ? { currentCPUUtilizationPercentage: cpu.resource.current.averageUtilization } : {}) }
      : { currentReplicas, desiredReplicas, ...(lastScaleTime ? { lastScaleTime } : {}), ...(run.metricStatuses ? { currentMetrics: run.metricStatuses } : {}), conditions: run.conditions };
    if (JSON.stringify(status) === JSON.stringify(hpa.status ?? {})) return;
    const ref = isV1(hpa) ? resources.horizontalpodautoscalersV1 : resources.horizontalpodautoscalers;
    await this.ctx.client.update(ref, { ...hpa, apiVersion: isV1(hpa) ? 'autoscaling/v1' : 'autoscaling/v2', status }, { subresource: 'status' });
  }
}
