import { labelSelectorFromObject, matchesLabels } from '@drydock/kube';
import type { KubeObject } from '@drydock/util';
import type { Diagnosis } from './fit-error';
import type { NodeInfo, PodInfo } from './node-info';
import type { CycleContext, Profile } from './plugin.types';
import { runFilters } from './schedule-pod';
import type { Pod } from './types';

/** Where preemption makes room for the pod, and whom it evicts there. */
export interface PreemptionCandidate {
  nodeName: string;
  victims: Pod[];
  numPDBViolations: number;
}

const priorityOf = (pod: Pod) => pod.spec.priority ?? 0;
const startOf = (pod: Pod) => Date.parse(String((pod.status as { startTime?: string } | undefined)?.startTime ?? pod.metadata.creationTimestamp ?? '')) || 0;

/** util.MoreImportantPod: higher priority first, then the one that started earlier. */
function moreImportant(a: Pod, b: Pod): number {
  return priorityOf(b) - priorityOf(a) || startOf(a) - startOf(b);
}

/**
 * PodEligibleToPreemptOthers: the pod's preemptionPolicy allows it, and it does not already wait for
 * lower-priority victims terminating on its nominated node. Returns upstream's reason when not.
 */
export function preemptionIneligibility(pod: Pod, nominated: NodeInfo | undefined): string | undefined {
  if (pod.spec.preemptionPolicy === 'Never') return 'not eligible due to preemptionPolicy=Never.';
  const terminating = nominated && [...nominated.pods.values()].some((info) => info.pod.metadata.deletionTimestamp && priorityOf(info.pod) < priorityOf(pod));
  return terminating ? 'not eligible due to a terminating pod on the nominated node.' : undefined;
}

/**
 * DefaultPreemption's dry run (findCandidates, SelectVictimsOnNode, SelectCandidate): on every node a
 * filter rejected as resolvable, remove all lower-priority pods; if the pod then fits, put back as
 * many as still let it fit, most important first (those whose PodDisruptionBudget allows no disruption
 * before the others); the rest are the victims. The best node has the fewest PDB violations, then the
 * lowest highest-victim priority, the lowest sum of priorities, the fewest victims, the latest start.
 * Mutates the node infos while it runs and restores them before returning (cycles are synchronous).
 */
export function findPreemption(ctx: CycleContext, profile: Profile, diagnosis: Diagnosis, pdbs: KubeObject[]): PreemptionCandidate | undefined {
  if (diagnosis.preFilterMessage) return undefined;
  const candidates: PreemptionCandidate[] = [];
  for (const [nodeName, status] of diagnosis.statuses) {
    const node = status.code === 'Unschedulable' ? ctx.snapshot.get(nodeName) : undefined;
    const candidate = node && victimsOnNode(ctx, profile, node, pdbs);
    if (candidate) candidates.push(candidate);
  }
  return candidates.sort(compareCandidates)[0];
}

function victimsOnNode(ctx: CycleContext, profile: Profile, node: NodeInfo, pdbs: KubeObject[]): PreemptionCandidate | undefined {
  const lower = [...node.pods.values()].filter((info) => priorityOf(info.pod) < priorityOf(ctx.pod)).sort((a, b) => moreImportant(a.pod, b.pod));
  if (lower.length === 0) return undefined;
  lower.forEach((info) => node.removePod(info.key));
  const removed = new Set<PodInfo>(lower);
  try {
    if (runFilters(ctx, node, profile.filters)) return undefined;
    const { violating, nonViolating } = splitByBudget(lower, pdbs);
    const victims: Pod[] = [];
    let numPDBViolations = 0;
    const reprieve = (info: PodInfo, violates: boolean) => {
      node.addPod(info);
      removed.delete(info);
      if (!runFilters(ctx, node, profile.filters)) return;
      node.removePod(info.key);
      removed.add(info);
      victims.push(info.pod);
      if (violates) numPDBViolations++;
    };
    violating.forEach((info) => reprieve(info, true));
    nonViolating.forEach((info) => reprieve(info, false));
    if (victims.length === 0) return undefined;
    return { nodeName: node.name, victims: victims.sort(moreImportant), numPDBViolations };
  } finally {
    removed.forEach((info) => node.addPod(info));
  }
}

/** filterPodsWithPDBViolation: a pod violates when a budget selecting it has no disruption left (counting earlier victims). */
function splitByBudget(pods: PodInfo[], pdbs: KubeObject[]): { violating: PodInfo[]; nonViolating: PodInfo[] } {
  const allowed = pdbs.map((pdb) => Number((pdb.status as { disruptionsAllowed?: number } | undefined)?.disruptionsAllowed ?? 0));
  const violating: PodInfo[] = [];
  const nonViolating: PodInfo[] = [];
  for (const info of pods) {
    let violates = false;
    pdbs.forEach((pdb, i) => {
      if (pdb.metadata.namespace !== info.pod.metadata.namespace) return;
      const selector = (pdb.spec as { selector?: unknown } | undefined)?.selector;
      if (!selector || !matchesLabels(labelSelectorFromObject(selector), info.pod.metadata.labels)) return;
      allowed[i]--;
      if (allowed[i] < 0) violates = true;
    });
    (violates ? violating : nonViolating).push(info);
  }
  return { violating, nonViolating };
}

/** pickOneNodeForPreemption's criteria, in order. */
function compareCandidates(a: PreemptionCandidate, b: PreemptionCandidate): number {
  const highest = (c: PreemptionCandidate) => priorityOf(c.victims[0]);
  // Each priority shifted by MaxInt32+1 so that negative priorities still add up to more with more victims.
  const sum = (c: PreemptionCandidate) => c.victims.reduce((total, pod) => total + priorityOf(pod) + 2 ** 31, 0);
  const latestStart = (c: PreemptionCandidate) => Math.max(...c.victims.filter((pod) => priorityOf(pod) === highest(c)).map(startOf));
  return a.numPDBViolations - b.numPDBViolations || highest(a) - highest(b) || sum(a) - sum(b) || a.victims.length - b.victims.length || latestStart(b) - latestStart(a);
}
