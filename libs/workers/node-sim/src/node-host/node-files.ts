import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { CONTROL_PLANE_NODE, nodeRootDirectory } from '../control-plane/control-plane-node';

/**
 * The files `kubeadm init`/`join` leave on a node, written into its root directory
 * (`$DRYDOCK_DATA_DIR/nodes/<node>/`) the first time something looks at it (a hostPath volume, a node
 * shell), and never overwritten. No secret is written: kubeconfigs carry `DATA+OMITTED` where kubeadm
 * puts client certificates and keys (as `kubectl config view` prints them), and /etc/kubernetes/pki holds
 * the cluster CA's and the API server's certificates, never a private key. On the control-plane node,
 * /etc/kubernetes/pki/etcd holds the etcd CA's, the member's and the healthcheck client's certificates
 * (the member's also as peer.crt) and, where kubeadm keeps their keys, keys of no certificate: etcdctl
 * there checks that the files exist and reaches the endpoint with node-sim's own client certificate.
 */
export interface NodeFileContext {
  dataDir: string;
  node: string;
  hostIP: string;
}

function kubeconfig(server: string, user: string, context: string): string {
  return `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: DATA+OMITTED
    server: ${server}
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: ${user}
  name: ${context}
current-context: ${context}
kind: Config
preferences: {}
users:
- name: ${user}
  user:
    client-certificate-data: DATA+OMITTED
    client-key-data: DATA+OMITTED
`;
}

const KUBELET_CONFIG = `apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 0s
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
cgroupDriver: systemd
clusterDNS:
- 10.96.0.10
clusterDomain: cluster.local
containerRuntimeEndpoint: unix:///var/run/containerd/containerd.sock
cpuManagerReconcilePeriod: 0s
evictionPressureTransitionPeriod: 0s
fileCheckFrequency: 0s
healthzBindAddress: 127.0.0.1
healthzPort: 10248
httpCheckFrequency: 0s
imageMaximumGCAge: 0s
imageMinimumGCAge: 0s
kind: KubeletConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
memorySwap: {}
nodeStatusReportFrequency: 0s
nodeStatusUpdateFrequency: 0s
resolvConf: /run/systemd/resolve/resolv.conf
rotateCertificates: true
runtimeRequestTimeout: 0s
shutdownGracePeriod: 0s
shutdownGracePeriodCriticalPods: 0s
staticPodPath: /etc/kubernetes/manifests
streamingConnectionIdleTimeout: 0s
syncFrequency: 0s
volumeStatsAggPeriod: 0s
`;

/** The API server's URL as the admin kubeconfig names it. */
function apiServer(dataDir: string): string {
  try {
    const config = parse(readFileSync(join(dataDir, 'kubeconfig'), 'utf8')) as { clusters?: Array<{ cluster?: { server?: string } }> };
    return config.clusters?.[0]?.cluster?.server ?? 'https://127.0.0.1:6443';
  } catch {
    return 'https://127.0.0.1:6443';
  }
}

/** Writes what is missing of the node's files; returns the node's root directory. */
export function ensureNodeFiles(context: NodeFileContext): string {
  const root = nodeRootDirectory(context.dataDir, context.node);
  const server = apiServer(context.dataDir);
  const files: Record<string, string> = {
    'etc/hostname': `${context.node}\n`,
    'etc/kubernetes/kubelet.conf': kubeconfig(server, `system:node:${context.node}`, `system:node:${context.node}@kubernetes`),
    'var/lib/kubelet/config.yaml': KUBELET_CONFIG,
    'var/lib/kubelet/kubeadm-flags.env': 'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10.1"\n',
  };
  if (context.node === CONTROL_PLANE_NODE) {
    files['etc/kubernetes/admin.conf'] = kubeconfig(server, 'kubernetes-admin', 'kubernetes-admin@kubernetes');
    files['etc/kubernetes/super-admin.conf'] = kubeconfig(server, 'kubernetes-super-admin', 'kubernetes-super-admin@kubernetes');
    files['etc/kubernetes/controller-manager.conf'] = kubeconfig(server, 'system:kube-controller-manager', 'system:kube-controller-manager@kubernetes');
    files['etc/kubernetes/scheduler.conf'] = kubeconfig(server, 'system:kube-scheduler', 'system:kube-scheduler@kubernetes');
  }
  for (const [path, content] of Object.entries(files)) {
    const target = join(root, path);
    if (existsSync(target)) continue;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  // etcd's data directory is never empty on a kubeadm node (`snapshot restore --data-dir /var/lib/etcd` refuses it).
  const etcdData = context.node === CONTROL_PLANE_NODE ? ['var/lib/etcd/member/snap', 'var/lib/etcd/member/wal'] : ['var/lib/etcd'];
  for (const directory of ['etc/kubernetes/manifests', 'etc/kubernetes/pki', 'var/log/pods', ...etcdData, 'tmp', 'opt', 'root']) mkdirSync(join(root, directory), { recursive: true });
  const certificates = context.node === CONTROL_PLANE_NODE ? ['ca.crt', 'apiserver.crt'] : ['ca.crt'];
  for (const certificate of certificates) {
    const source = join(context.dataDir, 'pki', certificate);
    const target = join(root, 'etc/kubernetes/pki', certificate);
    if (existsSync(source) && !existsSync(target)) copyFileSync(source, target);
  }
  if (context.node === CONTROL_PLANE_NODE) writeEtcdPki(context.dataDir, join(root, 'etc/kubernetes/pki/etcd'));
  return root;
}

/** kubeadm's /etc/kubernetes/pki/etcd: the real certificates, stand-in keys (a node shell must grant nothing). */
function writeEtcdPki(dataDir: string, directory: string): void {
  const source = join(dataDir, 'pki', 'etcd');
  if (!existsSync(join(source, 'ca.crt'))) return;
  mkdirSync(directory, { recursive: true });
  const certificates: Record<string, string> = { 'ca.crt': 'ca.crt', 'server.crt': 'server.crt', 'peer.crt': 'server.crt', 'healthcheck-client.crt': 'healthcheck-client.crt' };
  for (const [name, from] of Object.entries(certificates)) {
    const target = join(directory, name);
    if (!existsSync(target) && existsSync(join(source, from))) copyFileSync(join(source, from), target);
  }
  for (const name of ['ca.key', 'server.key', 'peer.key', 'healthcheck-client.key']) {
    const target = join(directory, name);
    if (existsSync(target)) continue;
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1', privateKeyEncoding: { type: 'sec1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    writeFileSync(target, privateKey, { mode: 0o600 });
  }
}
