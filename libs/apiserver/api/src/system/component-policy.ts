import type { KubeObject } from '@drydock/util';
import { clusterRole, clusterRoleBinding, Read, rule, users } from './policy-builders';

/** Drydock's own components, as the launcher's kubeconfigs name them (libs/launcher component-kubeconfigs.ts). */
export const componentUsers = {
  scheduler: 'system:kube-scheduler',
  controllerManager: 'system:kube-controller-manager',
  nodeSimulator: 'system:drydock:node-simulator',
};

/**
 * What Drydock's workers need beyond upstream's roles for the same components, each as the ClusterRole
 * a real add-on of that job would install: reading the Cluster objects to find the sandbox clusters
 * (docs/architecture.md, "The contract for the workers"); the scheduler's node-reasons annotation on
 * pods; the node simulator's shared informers (the pods, nodes, secrets and configmaps every one of its
 * kubelets reads; their writes are made as `system:node:<name>`, held by the Node authorizer and
 * NodeRestriction) and the events it records, its cluster network (what a CNI DaemonSet such as Calico or Cilium
 * watches to route, resolve and apply NetworkPolicies).
 */
export function componentClusterRoles(): KubeObject[] {
  return [
    clusterRole('drydock:cluster-discovery', [rule(Read, ['drydock.dev'], ['clusters'])]),
    clusterRole('drydock:kube-scheduler', [rule(['patch'], [''], ['pods'])]),
    // The simulator's own reads (its shared informers) and events; each kubelet writes as its node.
    clusterRole('drydock:node-simulator', [
      rule(Read, [''], ['pods', 'nodes', 'secrets', 'configmaps']),
      rule(['create', 'update', 'patch'], [''], ['events']),
    ]),
    clusterRole('drydock:network', [
      rule(Read, [''], ['pods', 'namespaces', 'services', 'endpoints', 'nodes']),
      rule(Read, ['discovery.k8s.io'], ['endpointslices']),
      rule(Read, ['networking.k8s.io'], ['networkpolicies', 'ingresses', 'ingressclasses']),
    ]),
  ];
}

export function componentClusterRoleBindings(): KubeObject[] {
  return [
    clusterRoleBinding('drydock:cluster-discovery', users(componentUsers.scheduler, componentUsers.controllerManager, componentUsers.nodeSimulator)),
    clusterRoleBinding('drydock:kube-scheduler', users(componentUsers.scheduler)),
    clusterRoleBinding('drydock:node-simulator', users(componentUsers.nodeSimulator)),
    clusterRoleBinding('drydock:network', users(componentUsers.nodeSimulator)),
  ];
}
