/**
 * horizontal.go's normalization of a metric's proposal: the scale-down stabilization window, min/max
 * and the scale-up limit (no behavior), or the behavior's stabilization windows and rate policies.
 * Each HPA's recent recommendations and scale events live in an `AutoscalerMemory` the reconciler
 * keeps (upstream keeps them in the controller, lost on restart as here). Times are simulated ms.
 */

export interface ScalingPolicy {
  type: 'Pods' | 'Percent';
  value: number;
  periodSeconds: number;
}

export interface ScalingRules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: 'Max' | 'Min' | 'Disabled';
  policies?: ScalingPolicy[];
}

export interface Behavior {
  scaleUp?: ScalingRules;
  scaleDown?: ScalingRules;
}

interface TimedRecommendation { recommendation: number; atMs: number }
interface ScaleEvent { replicaChange: number; atMs: number; outdated: boolean }

export interface AutoscalerMemory {
  recommendations: TimedRecommendation[];
  scaleUpEvents: ScaleEvent[];
  scaleDownEvents: ScaleEvent[];
}

export const newAutoscalerMemory = (): AutoscalerMemory => ({ recommendations: [], scaleUpEvents: [], scaleDownEvents: [] });

/** One setCondition call: the reconciler applies them in order. */
export interface ConditionUpdate { type: 'AbleToScale' | 'ScalingLimited'; status: 'True' | 'False'; reason: string; message: string }

export interface NormalizationArgs {
  nowMs: number;
  currentReplicas: number;
  desiredReplicas: number;
  minReplicas: number;
  maxReplicas: number;
}

const scaleUpLimitFactor = 2;
const scaleUpLimitMinimum = 4;
const READY = { reason: 'ReadyForNewScale', message: 'recommended size matches current size' };
const WITHIN = { reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };

/** GenerateHPAScaleUpRules / GenerateHPAScaleDownRules: the API's defaults for unset fields. */
export function behaviorWithDefaults(behavior: Behavior, downscaleWindowSeconds: number): Required<Behavior> {
  const up = behavior.scaleUp ?? {};
  const down = behavior.scaleDown ?? {};
  return {
    scaleUp: { stabilizationWindowSeconds: up.stabilizationWindowSeconds ?? 0, selectPolicy: up.selectPolicy ?? 'Max', policies: up.policies ?? [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
    scaleDown: { stabilizationWindowSeconds: down.stabilizationWindowSeconds ?? downscaleWindowSeconds, selectPolicy: down.selectPolicy ?? 'Max', policies: down.policies ?? [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
  };
}

function record(memory: AutoscalerMemory, replaceAt: number, recommendation: TimedRecommendation): void {
  if (replaceAt >= 0) memory.recommendations[replaceAt] = recommendation;
  else memory.recommendations.push(recommendation);
}

/** normalizeDesiredReplicas (no behavior): the highest recommendation of the window, then min, max and the scale-up limit. */
export function normalizeDesiredReplicas(memory: AutoscalerMemory, args: NormalizationArgs, downscaleWindowMs: number): { replicas: number; conditions: ConditionUpdate[] } {
  let stabilized = args.desiredReplicas;
  let oldIndex = -1;
  for (const [i, rec] of memory.recommendations.entries()) {
    if (rec.atMs < args.nowMs - downscaleWindowMs) oldIndex = i;
    else if (rec.recommendation > stabilized) stabilized = rec.recommendation;
  }
  record(memory, oldIndex, { recommendation: args.desiredReplicas, atMs: args.nowMs });
  const conditions: ConditionUpdate[] = [
    stabilized !== args.desiredReplicas
      ? { type: 'AbleToScale', status: 'True', reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' }
      : { type: 'AbleToScale', status: 'True', ...READY },
  ];
  const { replicas, reason, message } = convertDesiredReplicasWithRules(args.currentReplicas, stabilized, args.minReplicas, args.maxReplicas);
  conditions.push({ type: 'ScalingLimited', status: replicas === stabilized ? 'False' : 'True', reason, message });
  return { replicas, conditions };
}

/** convertDesiredReplicasWithRules: min, max, and at most double (or 4) per step. */
export function convertDesiredReplicasWithRules(current: number, desired: number, min: number, max: number): { replicas: number; reason: string; message: string } {
  const scaleUpLimit = Math.max(scaleUpLimitFactor * current, scaleUpLimitMinimum);
  const [maximum, limit] = max > scaleUpLimit
    ? [scaleUpLimit, { reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' }]
    : [max, { reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' }];
  if (desired < min) return { replicas: min, reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' };
  if (desired > maximum) return { replicas: maximum, ...limit };
  return { replicas: desired, ...WITHIN };
}

/** normalizeDesiredReplicasWithBehaviors: the behavior's stabilization windows, then its rate policies and min/max. */
export function normalizeDesiredReplicasWithBehaviors(memory: AutoscalerMemory, args: NormalizationArgs, behavior: Required<Behavior>): { replicas: number; conditions: ConditionUpdate[] } {
  const stabilized = stabilizeWithBehaviors(memory, args, behavior);
  const conditions: ConditionUpdate[] = [stabilized.replicas !== args.desiredReplicas ? { type: 'AbleToScale', status: 'True', reason: stabilized.reason, message: stabilized.message } : { type: 'AbleToScale', status: 'True', ...READY }];
  const { replicas, reason, message } = convertDesiredReplicasWithBehaviorRate(memory, { ...args, desiredReplicas: stabilized.replicas }, behavior);
  conditions.push({ type: 'ScalingLimited', status: replicas === stabilized.replicas ? 'False' : 'True', reason, message });
  return { replicas, conditions };
}

function stabilizeWithBehaviors(memory: AutoscalerMemory, args: NormalizationArgs, behavior: Required<Behavior>): { replicas: number; reason: string; message: string } {
  const upCutoff = args.nowMs - (behavior.scaleUp.stabilizationWindowSeconds ?? 0) * 1000;
  const downCutoff = args.nowMs - (behavior.scaleDown.stabilizationWindowSeconds ?? 0) * 1000;
  let up = args.desiredReplicas;
  let down = args.desiredReplicas;
  let oldIndex = -1;
  for (const [i, rec] of memory.recommendations.entries()) {
    if (rec.atMs > upCutoff) up = Math.min(rec.recommendation, up);
    if (rec.atMs > downCutoff) down = Math.max(rec.recommendation, down);
    if (rec.atMs < upCutoff && rec.atMs < downCutoff) oldIndex = i;
  }
  const replicas = Math.min(Math.max(args.currentReplicas, up), down);
  record(memory, oldIndex, { recommendation: args.desiredReplicas, atMs: args.nowMs });
  return args.desiredReplicas >= args.currentReplicas
    ? { replicas, reason: 'ScaleUpStabilized', message: 'recent recommendations were lower than current one, applying the lowest recent recommendation' }
    : { replicas, reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' };
}

/** getReplicasChangePerPeriod: the replicas added (or removed) by events within the period. */
function changeInPeriod(periodSeconds: number, events: ScaleEvent[], nowMs: number): number {
  return events.filter((event) => event.atMs > nowMs - periodSeconds * 1000).reduce((sum, event) => sum + event.replicaChange, 0);
}

function scaleLimit(direction: 'up' | 'down', args: NormalizationArgs, memory: AutoscalerMemory, rules: ScalingRules): number {
  if (rules.selectPolicy === 'Disabled') return args.currentReplicas;
  // Up: Max picks the largest proposal; down: Max picks the smallest (the largest change).
  const largest = (rules.selectPolicy ?? 'Max') === 'Max';
  const pick = direction === 'up' ? (largest ? Math.max : Math.min) : largest ? Math.min : Math.max;
  let result = pick === Math.max ? -Infinity : Infinity;
  for (const policy of rules.policies ?? []) {
    const periodStart = args.currentReplicas - changeInPeriod(policy.periodSeconds, memory.scaleUpEvents, args.nowMs) + changeInPeriod(policy.periodSeconds, memory.scaleDownEvents, args.nowMs);
    const proposed = direction === 'up'
      ? policy.type === 'Pods' ? periodStart + policy.value : Math.ceil(periodStart * (1 + policy.value / 100))
      : policy.type === 'Pods' ? periodStart - policy.value : Math.trunc(periodStart * (1 - policy.value / 100));
    result = pick(result, proposed);
  }
  return result;
}

/** convertDesiredReplicasWithBehaviorRate: the rate policies over their periods, then min and max. */
function convertDesiredReplicasWithBehaviorRate(memory: AutoscalerMemory, args: NormalizationArgs, behavior: Required<Behavior>): { replicas: number; reason: string; message: string } {
  if (args.desiredReplicas > args.currentReplicas) {
    const limit = Math.max(scaleLimit('up', args, memory, behavior.scaleUp), args.currentReplicas);
    const [maximum, reason, message] = args.maxReplicas > limit
      ? [limit, 'ScaleUpLimit', 'the desired replica count is increasing faster than the maximum scale rate']
      : [args.maxReplicas, 'TooManyReplicas', 'the desired replica count is more than the maximum replica count'];
    if (args.desiredReplicas > maximum) return { replicas: maximum, reason, message };
  } else if (args.desiredReplicas < args.currentReplicas) {
    const limit = Math.min(scaleLimit('down', args, memory, behavior.scaleDown), args.currentReplicas);
    const [minimum, reason, message] = args.minReplicas < limit
      ? [limit, 'ScaleDownLimit', 'the desired replica count is decreasing faster than the maximum scale rate']
      : [args.minReplicas, 'TooFewReplicas', 'the desired replica count is less than the minimum replica count'];
    if (args.desiredReplicas < minimum) return { replicas: minimum, reason, message };
  }
  return { replicas: args.desiredReplicas, ...WITHIN };
}

/** storeScaleEvent: remembers a rescale for the rate policies, reusing an event older than the longest period. */
export function storeScaleEvent(memory: AutoscalerMemory, behavior: Required<Behavior> | undefined, nowMs: number, previous: number, next: number): void {
  if (!behavior) return;
  const up = next > previous;
  const events = up ? memory.scaleUpEvents : memory.scaleDownEvents;
  const longest = Math.max(0, ...((up ? behavior.scaleUp : behavior.scaleDown).policies ?? []).map((policy) => policy.periodSeconds));
  for (const event of events) if (event.atMs < nowMs - longest * 1000) event.outdated = true;
  const replacement = { replicaChange: Math.abs(next - previous), atMs: nowMs, outdated: false };
  const outdated = events.map((event) => event.outdated).lastIndexOf(true);
  if (outdated >= 0) events[outdated] = replacement;
  else events.push(replacement);
}
