import type { KubeObject } from '@drydock/util';

/**
 * Upstream's bootstrap API Priority and Fairness configuration (k8s.io/apiserver
 * pkg/apis/flowcontrol/bootstrap/default.go, flowcontrol/v1): the mandatory objects every API server
 * keeps as they are, and the suggested ones it creates and keeps up to date while their
 * `apf.kubernetes.io/autoupdate-spec` annotation says `true`. Pure data, shared by validation (a
 * mandatory object's spec is fixed), the configuration controller and the request filter.
 */
export const autoUpdateAnnotation = 'apf.kubernetes.io/autoupdate-spec';

const flowcontrolApiVersion = 'flowcontrol.apiserver.k8s.io/v1';

interface Subject {
  kind: 'User' | 'Group' | 'ServiceAccount';
  user?: { name: string };
  group?: { name: string };
  serviceAccount?: { namespace: string; name: string };
}

const groups = (...names: string[]): Subject[] => names.map((name) => ({ kind: 'Group', group: { name } }));
const users = (...names: string[]): Subject[] => names.map((name) => ({ kind: 'User', user: { name } }));
const kubeSystemServiceAccounts = (...names: string[]): Subject[] => names.map((name) => ({ kind: 'ServiceAccount', serviceAccount: { namespace: 'kube-system', name } }));

const resourceRule = (verbs: string[], apiGroups: string[], resources: string[], namespaces: string[], clusterScope: boolean) => ({
  verbs,
  apiGroups,
  resources,
  ...(clusterScope ? { clusterScope } : {}),
  ...(namespaces.length ? { namespaces } : {}),
});
const everyResource = [resourceRule(['*'], ['*'], ['*'], ['*'], true)];
const everyNonResource = [{ verbs: ['*'], nonResourceURLs: ['*'] }];
const everything = (subjects: Subject[]) => ({ subjects, resourceRules: everyResource, nonResourceRules: everyNonResource });

function priorityLevel(name: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: flowcontrolApiVersion, kind: 'PriorityLevelConfiguration', metadata: { name, annotations: { [autoUpdateAnnotation]: 'true' } }, spec };
}

function queuing(nominalConcurrencyShares: number, lendablePercent: number, queues: number, handSize: number, queueLengthLimit = 50) {
  return { type: 'Limited', limited: { nominalConcurrencyShares, lendablePercent, limitResponse: { type: 'Queue', queuing: { queues, handSize, queueLengthLimit } } } };
}

function flowSchema(name: string, priorityLevelName: string, matchingPrecedence: number, distinguisher: 'ByUser' | 'ByNamespace' | undefined, ...rules: Record<string, unknown>[]): KubeObject {
  return {
    apiVersion: flowcontrolApiVersion,
    kind: 'FlowSchema',
    metadata: { name, annotations: { [autoUpdateAnnotation]: 'true' } },
    spec: { priorityLevelConfiguration: { name: priorityLevelName }, matchingPrecedence, ...(distinguisher ? { distinguisherMethod: { type: distinguisher } } : {}), rules },
  };
}

const leaderElectionRules = (endpointsNamespaces: string[]) => [
  resourceRule(['get', 'create', 'update'], [''], ['endpoints', 'configmaps'], endpointsNamespaces, false),
  resourceRule(['get', 'create', 'update'], ['coordination.k8s.io'], ['leases'], ['*'], false),
];

/** The mandatory PriorityLevelConfigurations: `exempt` and `catch-all`. */
export function mandatoryPriorityLevels(): KubeObject[] {
  return [
    priorityLevel('exempt', { type: 'Exempt', exempt: { nominalConcurrencyShares: 0, lendablePercent: 0 } }),
    priorityLevel('catch-all', { type: 'Limited', limited: { nominalConcurrencyShares: 5, lendablePercent: 0, limitResponse: { type: 'Reject' } } }),
  ];
}

/** The mandatory FlowSchemas: `exempt` (system:masters) and `catch-all`. */
export function mandatoryFlowSchemas(): KubeObject[] {
  return [
    flowSchema('exempt', 'exempt', 1, undefined, everything(groups('system:masters'))),
    flowSchema('catch-all', 'catch-all', 10000, 'ByUser', everything(groups('system:unauthenticated', 'system:authenticated'))),
  ];
}

/** The suggested PriorityLevelConfigurations. */
export function suggestedPriorityLevels(): KubeObject[] {
  return [
    priorityLevel('system', queuing(30, 33, 64, 6)),
    priorityLevel('node-high', queuing(40, 25, 64, 6)),
    priorityLevel('leader-election', queuing(10, 0, 16, 4)),
    priorityLevel('workload-high', queuing(40, 50, 128, 6)),
    priorityLevel('workload-low', queuing(100, 90, 128, 6)),
    priorityLevel('global-default', queuing(20, 50, 128, 6)),
  ];
}

/** The suggested FlowSchemas. */
export function suggestedFlowSchemas(): KubeObject[] {
  return [
    flowSchema('system-nodes', 'system', 500, 'ByUser', everything(groups('system:nodes'))),
    flowSchema('system-node-high', 'node-high', 400, 'ByUser', {
      subjects: groups('system:nodes'),
      resourceRules: [resourceRule(['*'], [''], ['nodes', 'nodes/status'], ['*'], true), resourceRule(['*'], ['coordination.k8s.io'], ['leases'], ['*'], false)],
    }),
    flowSchema('probes', 'exempt', 2, undefined, { subjects: groups('system:unauthenticated', 'system:authenticated'), nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/healthz', '/readyz', '/livez'] }] }),
    flowSchema('system-leader-election', 'leader-election', 100, 'ByUser', {
      subjects: [...users('system:kube-controller-manager', 'system:kube-scheduler'), ...kubeSystemServiceAccounts('*')],
      resourceRules: leaderElectionRules(['kube-system']),
    }),
    flowSchema('workload-leader-election', 'leader-election', 200, 'ByUser', { subjects: kubeSystemServiceAccounts('*'), resourceRules: leaderElectionRules(['*']) }),
    flowSchema('endpoint-controller', 'workload-high', 150, 'ByUser', {
      subjects: [...users('system:kube-controller-manager'), ...kubeSystemServiceAccounts('endpoint-controller', 'endpointslicemirroring-controller')],
      resourceRules: [resourceRule(['get', 'create', 'update'], [''], ['endpoints'], ['*'], false)],
    }),
    flowSchema('kube-controller-manager', 'workload-high', 800, 'ByNamespace', everything(users('system:kube-controller-manager'))),
    flowSchema('kube-scheduler', 'workload-high', 800, 'ByNamespace', everything(users('system:kube-scheduler'))),
    flowSchema('kube-system-service-accounts', 'workload-high', 900, 'ByNamespace', everything(kubeSystemServiceAccounts('*'))),
    flowSchema('service-accounts', 'workload-low', 9000, 'ByUser', everything(groups('system:serviceaccounts'))),
    flowSchema('global-default', 'global-default', 9900, 'ByUser', everything(groups('system:unauthenticated', 'system:authenticated'))),
  ];
}

/** The spec a mandatory object must have (validation refuses any other), by name. */
export function mandatorySpec(kind: 'FlowSchema' | 'PriorityLevelConfiguration', name: string): unknown {
  const objects = kind === 'FlowSchema' ? mandatoryFlowSchemas() : mandatoryPriorityLevels();
  return objects.find((object) => object.metadata.name === name)?.spec;
}
