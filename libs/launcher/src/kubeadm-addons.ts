import type { KubeObject } from '@drydock/util';
import { CLUSTER_CIDR, KUBELET_VERSION } from '@drydock/node-sim';

/**
 * The add-ons `kubeadm init` installs through the API (cmd/kubeadm/app/phases/addons: dns and proxy),
 * as it lays them out: kube-proxy (ServiceAccount, ConfigMap, a DaemonSet tolerating every taint) and
 * CoreDNS (ServiceAccount, ClusterRole and binding, Corefile, a 2-replica Deployment, and the
 * `kube-dns` Service at 10.96.0.10, the address every pod's resolv.conf names). Pure.
 */

export const COREDNS_VERSION = 'v1.12.1';
export const DNS_SERVICE_IP = '10.96.0.10';

const system = (kind: string, name: string, extra: Record<string, unknown>, labels?: Record<string, string>, apiVersion = 'v1'): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name, namespace: 'kube-system', ...(labels ? { labels } : {}) },
  ...extra,
});

const KUBE_PROXY_CONFIG = `apiVersion: kubeproxy.config.k8s.io/v1alpha1
bindAddress: 0.0.0.0
clientConnection:
  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf
clusterCIDR: ${CLUSTER_CIDR}
configSyncPeriod: 0s
kind: KubeProxyConfiguration
metricsBindAddress: ""
mode: ""
`;

function kubeProxyKubeconfig(server: string): string {
  return `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
    server: ${server}
  name: default
contexts:
- context:
    cluster: default
    namespace: default
    user: default
  name: default
current-context: default
users:
- name: default
  user:
    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token
`;
}

export function kubeProxyObjects(server: string): KubeObject[] {
  const labels = { 'k8s-app': 'kube-proxy' };
  const container = {
    command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
    env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
    image: `registry.k8s.io/kube-proxy:${KUBELET_VERSION}`,
    imagePullPolicy: 'IfNotPresent',
    name: 'kube-proxy',
    securityContext: { privileged: true },
    volumeMounts: [{ mountPath: '/var/lib/kube-proxy', name: 'kube-proxy' }, { mountPath: '/run/xtables.lock', name: 'xtables-lock' }, { mountPath: '/lib/modules', name: 'lib-modules', readOnly: true }],
  };
  const daemonSet = system('DaemonSet', 'kube-proxy', {
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [container],
          hostNetwork: true,
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          priorityClassName: 'system-node-critical',
          serviceAccountName: 'kube-proxy',
          tolerations: [{ operator: 'Exists' }],
          volumes: [{ configMap: { name: 'kube-proxy' }, name: 'kube-proxy' }, { hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' }, name: 'xtables-lock' }, { hostPath: { path: '/lib/modules' }, name: 'lib-modules' }],
        },
      },
      updateStrategy: { type: 'RollingUpdate' },
    },
  }, labels, 'apps/v1');
  return [
    system('ServiceAccount', 'kube-proxy', {}),
    system('ConfigMap', 'kube-proxy', { data: { 'config.conf': KUBE_PROXY_CONFIG, 'kubeconfig.conf': kubeProxyKubeconfig(server) } }, { app: 'kube-proxy' }),
    daemonSet,
  ];
}

const COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success cluster.local
       disable failure cluster.local
    }
    loop
    reload
    loadbalance
}
`;

function coreDnsDeployment(): KubeObject {
  const labels = { 'k8s-app': 'kube-dns' };
  const container = {
    args: ['-conf', '/etc/coredns/Corefile'],
    image: `registry.k8s.io/coredns/coredns:${COREDNS_VERSION}`,
    imagePullPolicy: 'IfNotPresent',
    livenessProbe: { failureThreshold: 5, httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 60, successThreshold: 1, timeoutSeconds: 5 },
    name: 'coredns',
    ports: [{ containerPort: 53, name: 'dns', protocol: 'UDP' }, { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' }, { containerPort: 9153, name: 'metrics', protocol: 'TCP' }],
    readinessProbe: { httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' } },
    resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
    securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] }, readOnlyRootFilesystem: true },
    volumeMounts: [{ mountPath: '/etc/coredns', name: 'config-volume', readOnly: true }],
  };
  const antiAffinity = { preferredDuringSchedulingIgnoredDuringExecution: [{ podAffinityTerm: { labelSelector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] }, topologyKey: 'kubernetes.io/hostname' }, weight: 100 }] };
  return system('Deployment', 'coredns', {
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      strategy: { rollingUpdate: { maxUnavailable: 1 }, type: 'RollingUpdate' },
      template: {
        metadata: { labels },
        spec: {
          affinity: { podAntiAffinity: antiAffinity },
          containers: [container],
          dnsPolicy: 'Default',
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          priorityClassName: 'system-cluster-critical',
          serviceAccountName: 'coredns',
          tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }, { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }],
          volumes: [{ configMap: { items: [{ key: 'Corefile', path: 'Corefile' }], name: 'coredns' }, name: 'config-volume' }],
        },
      },
    },
  }, labels, 'apps/v1');
}

export function coreDnsObjects(): KubeObject[] {
  const clusterRole: KubeObject = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'system:coredns' },
    rules: [
      { apiGroups: [''], resources: ['endpoints', 'services', 'pods', 'namespaces'], verbs: ['list', 'watch'] },
      { apiGroups: [''], resources: ['nodes'], verbs: ['get'] },
      { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list', 'watch'] },
    ],
  };
  const binding: KubeObject = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'system:coredns' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:coredns' },
    subjects: [{ kind: 'ServiceAccount', name: 'coredns', namespace: 'kube-system' }],
  };
  const service = system('Service', 'kube-dns', {
    spec: {
      clusterIP: DNS_SERVICE_IP,
      ports: [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 }, { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 }, { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 }],
      selector: { 'k8s-app': 'kube-dns' },
    },
  }, { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' });
  service.metadata.annotations = { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' };
  return [system('ServiceAccount', 'coredns', {}), clusterRole, binding, system('ConfigMap', 'coredns', { data: { Corefile: COREFILE } }), coreDnsDeployment(), service];
}
