import type { KubeObject } from '@drydock/util';
import { KUBELET_VERSION } from '../node/node-object.builder';

/**
 * The static pod manifests `kubeadm init` writes to /etc/kubernetes/manifests (its control-plane and
 * etcd phases: cmd/kubeadm/app/phases/controlplane/manifests.go, phases/etcd/local.go), with the flags
 * that mean something in Drydock set to what Drydock really runs (the API server's port, the service
 * and pod ranges) and kubeadm's paths for the rest. Pure.
 */
export interface ControlPlaneSettings {
  /** The control-plane node's InternalIP (kubeadm's advertise address). */
  advertiseAddress: string;
  apiPort: number;
}

export const ETCD_VERSION = '3.6.5-0';
export const SERVICE_CIDR = '10.96.0.0/12';
export const CLUSTER_CIDR = '10.244.0.0/16';

type Probe = Record<string, unknown>;

function probe(path: string, scheme: 'HTTP' | 'HTTPS', failureThreshold: number, host = '127.0.0.1', periodSeconds = 10): Probe {
  return { failureThreshold, httpGet: { host, path, port: 'probe-port', scheme }, ...(failureThreshold === 3 ? {} : { initialDelaySeconds: 10 }), periodSeconds, timeoutSeconds: 15 };
}

interface HostMount { name: string; path: string; type: string; readOnly?: boolean; mountPath?: string }

/** staticpodutil.ComponentPod: one container, hostNetwork, system-node-critical, RuntimeDefault seccomp. */
function componentPod(component: string, container: Record<string, unknown>, mounts: HostMount[], annotations?: Record<string, string>): KubeObject {
  const sorted = [...mounts].sort((a, b) => a.name.localeCompare(b.name));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { ...(annotations ? { annotations } : {}), labels: { component, tier: 'control-plane' }, name: component, namespace: 'kube-system' },
    spec: {
      containers: [{
        ...container,
        imagePullPolicy: 'IfNotPresent',
        name: component,
        volumeMounts: sorted.map((m) => ({ mountPath: m.mountPath ?? m.path, name: m.name, ...(m.readOnly ? { readOnly: true } : {}) })),
      }],
      hostNetwork: true,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      volumes: sorted.map((m) => ({ hostPath: { path: m.path, type: m.type }, name: m.name })),
    },
  };
}

const CA_MOUNTS: HostMount[] = [
  { name: 'ca-certs', path: '/etc/ssl/certs', type: 'DirectoryOrCreate', readOnly: true },
  { name: 'etc-ca-certificates', path: '/etc/ca-certificates', type: 'DirectoryOrCreate', readOnly: true },
  { name: 'k8s-certs', path: '/etc/kubernetes/pki', type: 'DirectoryOrCreate', readOnly: true },
  { name: 'usr-local-share-ca-certificates', path: '/usr/local/share/ca-certificates', type: 'DirectoryOrCreate', readOnly: true },
  { name: 'usr-share-ca-certificates', path: '/usr/share/ca-certificates', type: 'DirectoryOrCreate', readOnly: true },
];

function image(component: string): string {
  return `registry.k8s.io/${component}:${KUBELET_VERSION}`;
}

export function etcdManifest(settings: ControlPlaneSettings): KubeObject {
  const ip = settings.advertiseAddress;
  const command = [
    'etcd', `--advertise-client-urls=https://${ip}:2379`, '--cert-file=/etc/kubernetes/pki/etcd/server.crt', '--client-cert-auth=true',
    '--data-dir=/var/lib/etcd', '--feature-gates=InitialCorruptCheck=true', `--initial-advertise-peer-urls=https://${ip}:2380`,
    `--initial-cluster=controlplane=https://${ip}:2380`, '--key-file=/etc/kubernetes/pki/etcd/server.key',
    `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`, '--listen-metrics-urls=http://127.0.0.1:2381',
    `--listen-peer-urls=https://${ip}:2380`, '--name=controlplane', '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt',
    '--peer-client-cert-auth=true', '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key', '--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
    '--snapshot-count=10000', '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt', '--watch-progress-notify-interval=5s',
  ];
  const container = {
    command,
    image: `registry.k8s.io/etcd:${ETCD_VERSION}`,
    livenessProbe: probe('/livez', 'HTTP', 8),
    ports: [{ containerPort: 2381, name: 'probe-port', protocol: 'TCP' }],
    readinessProbe: probe('/readyz', 'HTTP', 3, '127.0.0.1', 1),
    resources: { requests: { cpu: '100m', memory: '100Mi' } },
    startupProbe: probe('/readyz', 'HTTP', 24),
  };
  const mounts = [{ name: 'etcd-certs', path: '/etc/kubernetes/pki/etcd', type: 'DirectoryOrCreate' }, { name: 'etcd-data', path: '/var/lib/etcd', type: 'DirectoryOrCreate' }];
  return componentPod('etcd', container, mounts, { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379` });
}

export function apiServerManifest(settings: ControlPlaneSettings): KubeObject {
  const ip = settings.advertiseAddress;
  const command = [
    'kube-apiserver', `--advertise-address=${ip}`, '--allow-privileged=true', '--authorization-mode=RBAC', '--client-ca-file=/etc/kubernetes/pki/ca.crt',
    '--enable-bootstrap-token-auth=true', '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt', '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt',
    '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key', '--etcd-servers=https://127.0.0.1:2379',
    '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt', '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key',
    '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname', `--secure-port=${settings.apiPort}`,
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local', '--service-account-key-file=/etc/kubernetes/pki/sa.pub',
    '--service-account-signing-key-file=/etc/kubernetes/pki/sa.key', `--service-cluster-ip-range=${SERVICE_CIDR}`,
    '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt', '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
  ];
  const container = {
    command,
    image: image('kube-apiserver'),
    livenessProbe: probe('/livez', 'HTTPS', 8, ip),
    ports: [{ containerPort: settings.apiPort, name: 'probe-port', protocol: 'TCP' }],
    readinessProbe: probe('/readyz', 'HTTPS', 3, ip, 1),
    resources: { requests: { cpu: '250m' } },
    startupProbe: probe('/livez', 'HTTPS', 24, ip),
  };
  return componentPod('kube-apiserver', container, CA_MOUNTS, { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:${settings.apiPort}` });
}

export function controllerManagerManifest(): KubeObject {
  const kubeconfig = '/etc/kubernetes/controller-manager.conf';
  const command = [
    'kube-controller-manager', '--allocate-node-cidrs=true', `--authentication-kubeconfig=${kubeconfig}`, `--authorization-kubeconfig=${kubeconfig}`,
    '--bind-address=127.0.0.1', '--client-ca-file=/etc/kubernetes/pki/ca.crt', `--cluster-cidr=${CLUSTER_CIDR}`, '--cluster-name=kubernetes',
    '--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt', '--cluster-signing-key-file=/etc/kubernetes/pki/ca.key', '--controllers=*,bootstrapsigner,tokencleaner',
    `--kubeconfig=${kubeconfig}`, '--leader-elect=true', '--root-ca-file=/etc/kubernetes/pki/ca.crt',
    '--service-account-private-key-file=/etc/kubernetes/pki/sa.key', `--service-cluster-ip-range=${SERVICE_CIDR}`, '--use-service-account-credentials=true',
  ];
  const container = {
    command,
    image: image('kube-controller-manager'),
    livenessProbe: probe('/healthz', 'HTTPS', 8),
    ports: [{ containerPort: 10257, name: 'probe-port', protocol: 'TCP' }],
    resources: { requests: { cpu: '200m' } },
    startupProbe: probe('/healthz', 'HTTPS', 24),
  };
  const mounts = [...CA_MOUNTS, { name: 'flexvolume-dir', path: '/usr/libexec/kubernetes/kubelet-plugins/volume/exec', type: 'DirectoryOrCreate' }, { name: 'kubeconfig', path: kubeconfig, type: 'FileOrCreate', readOnly: true }];
  return componentPod('kube-controller-manager', container, mounts);
}

export function schedulerManifest(): KubeObject {
  const kubeconfig = '/etc/kubernetes/scheduler.conf';
  // --v=2: the verbosity at which upstream logs each binding ("Successfully bound pod to node"), as Drydock's scheduler does.
  const command = ['kube-scheduler', `--authentication-kubeconfig=${kubeconfig}`, `--authorization-kubeconfig=${kubeconfig}`, '--bind-address=127.0.0.1', `--kubeconfig=${kubeconfig}`, '--leader-elect=true', '--v=2'];
  const container = {
    command,
    image: image('kube-scheduler'),
    livenessProbe: probe('/livez', 'HTTPS', 8),
    ports: [{ containerPort: 10259, name: 'probe-port', protocol: 'TCP' }],
    readinessProbe: probe('/readyz', 'HTTPS', 3, '127.0.0.1', 1),
    resources: { requests: { cpu: '100m' } },
    startupProbe: probe('/livez', 'HTTPS', 24),
  };
  return componentPod('kube-scheduler', container, [{ name: 'kubeconfig', path: kubeconfig, type: 'FileOrCreate', readOnly: true }]);
}

/** File name (kubeadm's `<component>.yaml`) → manifest, for the control-plane node's manifest directory. */
export function controlPlaneManifests(settings: ControlPlaneSettings): Record<string, KubeObject> {
  return {
    'etcd.yaml': etcdManifest(settings),
    'kube-apiserver.yaml': apiServerManifest(settings),
    'kube-controller-manager.yaml': controllerManagerManifest(),
    'kube-scheduler.yaml': schedulerManifest(),
  };
}
