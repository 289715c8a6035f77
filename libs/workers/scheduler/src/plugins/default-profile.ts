import type { Profile } from '../framework/plugin.types';
import type { LabelSelector, Pod } from '../framework/types';
import type { NamespaceLabels } from './inter-pod-affinity/affinity-term';
import { InterPodAffinityPlugin } from './inter-pod-affinity/inter-pod-affinity.plugin';
import { NodeAffinityPlugin } from './node-affinity/node-affinity.plugin';
import { NodeNamePlugin } from './node-name/node-name.plugin';
import { NodePortsPlugin } from './node-ports/node-ports.plugin';
import { NodeResourcesBalancedAllocationPlugin } from './node-resources-balanced-allocation/node-resources-balanced-allocation.plugin';
import { NodeResourcesFitPlugin } from './node-resources-fit/node-resources-fit.plugin';
import { NodeUnschedulablePlugin } from './node-unschedulable/node-unschedulable.plugin';
import { PodTopologySpreadPlugin } from './pod-topology-spread/pod-topology-spread.plugin';
import { TaintTolerationPlugin } from './taint-toleration/taint-toleration.plugin';

export interface ProfileOptions {
  percentageOfNodesToScore?: number;
  namespaceLabels?: NamespaceLabels;
  /** Enables PodTopologySpread's system default constraints (see DefaultSelector in scheduler/). */
  defaultSpreadSelector?: (pod: Pod) => LabelSelector | null;
}

/**
 * upstream's default-scheduler profile, restricted to the plugins Drydock has, in upstream's order
 * (filters stop at the first rejection, so the order decides which reason a node reports) and with
 * upstream's score weights (TaintToleration 3, NodeAffinity 2, PodTopologySpread 2, InterPodAffinity 2,
 * NodeResourcesFit 1, NodeResourcesBalancedAllocation 1).
 */
export function defaultProfile(options: ProfileOptions = {}): Profile {
  const taintToleration = new TaintTolerationPlugin();
  const nodeAffinity = new NodeAffinityPlugin();
  const fit = new NodeResourcesFitPlugin();
  const spread = new PodTopologySpreadPlugin(options.defaultSpreadSelector);
  const interPodAffinity = new InterPodAffinityPlugin(options.namespaceLabels);
  return {
    filters: [new NodeUnschedulablePlugin(), new NodeNamePlugin(), taintToleration, nodeAffinity, new NodePortsPlugin(), fit, spread, interPodAffinity],
    scorers: [taintToleration, nodeAffinity, fit, spread, interPodAffinity, new NodeResourcesBalancedAllocationPlugin()],
    percentageOfNodesToScore: options.percentageOfNodesToScore ?? 0,
  };
}
