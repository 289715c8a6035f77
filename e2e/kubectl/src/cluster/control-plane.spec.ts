process.env.DRYDOCK_CLOCK_SCALE = '10';

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { expectSuccess } from '../harness/expectations';
import { findFreePort } from '../harness/free-port';
import { Json } from '../harness/json';
import { getJson } from '../harness/use-drydock';
import { eventually, isRunningAndReady, nodesReady, podTable, useClusterDrydock } from './support/cluster';

const MIRROR_PODS = ['etcd-controlplane', 'kube-apiserver-controlplane', 'kube-controller-manager-controlplane', 'kube-scheduler-controlplane'];

/** Drydock's own processes where kubeadm puts them (issue 13): static pods on the control-plane node. */
describe('the control plane from inside: the controlplane node and its static pods', () => {
  beforeAll(async () => {
    // The etcd endpoint etcdctl in the etcd pod reaches (2379 may be another Drydock's on this machine).
    process.env.DRYDOCK_ETCD_PORT = String(await findFreePort());
  });
  const drydock = useClusterDrydock();
  const kubectl = (...args: string[]) => drydock().run(args);
  const systemPods = async () => (await getJson(drydock(), ['pods', '-n', 'kube-system'])).items as Json[];

  beforeAll(async () => {
    await nodesReady(drydock());
  });

  it('has a controlplane node labelled and tainted as kubeadm leaves it', async () => {
    const node = await getJson(drydock(), ['node', 'controlplane']);
    expect(node.metadata.labels).toMatchObject({ 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/hostname': 'controlplane' });
    expect(node.spec.taints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    expect(expectSuccess(await kubectl('get', 'node', 'controlplane', '--no-headers'))).toMatch(/^controlplane\s+Ready\s+control-plane\s+/);
  });

  it('lists the store, the API server, the controller-manager and the scheduler as Running mirror pods in kube-system', async () => {
    const pods = await eventually('the four control-plane pods Running and Ready', async () => {
      const mirrors = (await systemPods()).filter((pod) => MIRROR_PODS.includes(pod.metadata.name));
      return mirrors.length === 4 && mirrors.every(isRunningAndReady) ? mirrors : undefined;
    }, 60_000);
    for (const pod of pods) {
      expect(pod.spec.nodeName).toBe('controlplane');
      expect(pod.spec.priorityClassName).toBe('system-node-critical');
      expect(pod.metadata.annotations['kubernetes.io/config.mirror']).toMatch(/^[0-9a-f]{32}$/);
      expect(pod.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'Node', name: 'controlplane', controller: true })]);
    }
    const apiserver = pods.find((pod) => pod.metadata.name === 'kube-apiserver-controlplane')!;
    expect(apiserver.spec.containers[0].command).toContain(`--secure-port=${drydock().port}`);
    const table = expectSuccess(await kubectl('get', 'pods', '-n', 'kube-system', '-o', 'wide'));
    for (const name of MIRROR_PODS) expect(table).toMatch(new RegExp(`^${name}\\s+1/1\\s+Running\\s+0\\s+\\S+\\s+10\\.0\\.0\\.4\\s+controlplane\\s`, 'm'));
  });

  it('brings a deleted mirror pod back, as the kubelet does', async () => {
    const before = await getJson(drydock(), ['pod', '-n', 'kube-system', 'kube-scheduler-controlplane']);
    // --wait=false: kubectl's own wait (wait.IsDeleted) GETs the pod (the old one), then starts an informer by
    // name and checks its cache once synced, by name, after WaitForCacheSync's 100 ms poll; when the kubelet has
    // deleted the old pod before the informer's list and made the new one before that check (upstream's kubelet
    // does both in one syncPod), the check finds the new pod and kubectl waits for a Deleted event that never
    // comes. 1 of 40 and 1 of 60 `kubectl delete` hung that way in a loop at a load of 20-30 (kubectl -v=6: the
    // watch-list's initial events held no pod; the audit log: the new pod created 10-40 ms after); the
    // clean-clone CI met it once (kubectl printed "deleted", then waited until the harness killed it at 60 s).
    expectSuccess(await kubectl('delete', 'pod', '-n', 'kube-system', 'kube-scheduler-controlplane', '--wait=false'));
    const after = await eventually('a new kube-scheduler-controlplane', async () => {
      const pod = (await systemPods()).find((p) => p.metadata.name === 'kube-scheduler-controlplane');
      return pod && pod.metadata.uid !== before.metadata.uid && isRunningAndReady(pod) ? pod : undefined;
    }, 60_000, async () => {
      // What the pod and the node simulator were doing (a deletionTimestamp still set: the kubelet never deleted it).
      const now = await kubectl('get', 'pod', '-n', 'kube-system', 'kube-scheduler-controlplane', '-o', 'yaml');
      return `$ ${now.command}\n${now.stdout}${now.stderr}\n${await podTable(drydock(), 'component=kube-scheduler', 'kube-system')}`;
    });
    expect(after.metadata.annotations['kubernetes.io/config.hash']).toBe(before.metadata.annotations['kubernetes.io/config.hash']);
  });

  it('streams the real scheduler\'s log with kubectl logs: a line for the pod it bound in this test', async () => {
    expectSuccess(await kubectl('run', 'placed', '--image=nginx'));
    const node = await eventually('placed bound', async () => (await getJson(drydock(), ['pod', 'placed'])).spec.nodeName as string | undefined);
    const log = await eventually('the scheduler to log the binding', async () => {
      const result = await kubectl('logs', '-n', 'kube-system', 'kube-scheduler-controlplane');
      return result.code === 0 && result.stdout.includes('pod="default/placed"') ? result.stdout : undefined;
    });
    expect(log).toMatch(/^scheduler started \(default-scheduler\)/);
    expect(log).toMatch(/became leader/);
    expect(log).toMatch(new RegExp(`^I\\d{4} [\\d:.]{15} +1 schedule_one\\.go:314\\] "Successfully bound pod to node" pod="default/placed" node="${node}" evaluatedNodes=4 feasibleNodes=3$`, 'm'));
    // -f follows the process's log file: a pod scheduled after it started shows up in the stream.
    const follow = drydock().stream(['logs', '-f', '-n', 'kube-system', 'kube-scheduler-controlplane', '--tail=1']);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expectSuccess(await kubectl('run', 'placed-later', '--image=nginx'));
      await follow.waitForOutput(/"Successfully bound pod to node" pod="default\/placed-later"/);
    } finally {
      await follow.stop();
    }
  });

  it('kubectl exec etcd-controlplane -- etcdctl lists the store\'s keys in upstream\'s layout', async () => {
    expectSuccess(await kubectl('run', 'keyed', '--image=nginx'));
    const etcdctl = (...args: string[]) => kubectl('exec', '-n', 'kube-system', 'etcd-controlplane', '--', 'sh', '-c', `ETCDCTL_API=3 etcdctl ${args.join(' ')} --cacert /etc/kubernetes/pki/etcd/ca.crt --cert /etc/kubernetes/pki/etcd/server.crt --key /etc/kubernetes/pki/etcd/server.key`);
    const keys = expectSuccess(await etcdctl('get', '/registry/pods/default', '--prefix', '--keys-only'));
    expect(keys).toContain('/registry/pods/default/keyed\n\n');
    const all = expectSuccess(await etcdctl('--endpoints=https://127.0.0.1:2379', 'get', '/', '--prefix', '--keys-only'));
    for (const key of ['/registry/services/specs/default/kubernetes', '/registry/minions/controlplane', '/registry/deployments/kube-system/coredns', '/registry/daemonsets/kube-system/kube-proxy', '/registry/namespaces/kube-system']) expect(all).toContain(`${key}\n`);
    expect((await etcdctl('endpoint', 'health')).stderr).toMatch(/^127\.0\.0\.1:2379 is healthy: successfully committed proposal/);
  });

  it('runs kubeadm\'s add-ons: a kube-proxy pod on every node, 2 CoreDNS pods and the kube-dns Service at 10.96.0.10', async () => {
    const proxies = await eventually('a Running kube-proxy pod on each of the 4 nodes', async () => {
      const pods = (await systemPods()).filter((pod) => pod.metadata.labels?.['k8s-app'] === 'kube-proxy');
      return pods.length === 4 && pods.every(isRunningAndReady) ? pods : undefined;
    }, 90_000);
    expect(proxies.map((pod) => pod.spec.nodeName).sort()).toEqual(['controlplane', 'node-1', 'node-2', 'node-3']);
    for (const pod of proxies) expect(pod.status.podIP).toBe(pod.status.hostIP);
    const dns = await eventually('2 Running CoreDNS pods', async () => {
      const pods = (await systemPods()).filter((pod) => pod.metadata.labels?.['k8s-app'] === 'kube-dns');
      return pods.length === 2 && pods.every(isRunningAndReady) ? pods : undefined;
    }, 90_000);
    expect(dns.every((pod) => pod.metadata.name.startsWith('coredns-'))).toBe(true);
    expect(expectSuccess(await kubectl('get', 'svc', '-n', 'kube-system', 'kube-dns', '--no-headers'))).toMatch(/^kube-dns\s+ClusterIP\s+10\.96\.0\.10\s+<none>\s+53\/UDP,53\/TCP,9153\/TCP\s+/);
    expect(expectSuccess(await kubectl('logs', '-n', 'kube-system', dns[0].metadata.name))).toContain('CoreDNS-1.12.1');
    // What the notes' `kubectl get pods -n kube-system -o wide` shows: the control plane, kube-proxy per node, CoreDNS.
    const table = expectSuccess(await kubectl('get', 'pods', '-n', 'kube-system', '-o', 'wide'));
    for (const pod of [...proxies, ...dns]) expect(table).toMatch(new RegExp(`^${pod.metadata.name}\\s+1/1\\s+Running\\s+\\d+\\s+\\S+\\s+${pod.status.podIP.replace(/\./g, '\\.')}\\s+${pod.spec.nodeName}\\s`, 'm'));
    for (const name of MIRROR_PODS) expect(table).toMatch(new RegExp(`^${name}\\s+1/1\\s+Running\\s`, 'm'));
  });

  it('answers DNS through CoreDNS: scaled to zero, lookups time out; scaled back, they answer', async () => {
    expectSuccess(await kubectl('run', 'client', '--image=busybox', '--restart=Never', '--', 'sleep', '3600'));
    expectSuccess(await drydock().run(['wait', '--for=condition=Ready', 'pod/client', '--timeout=60s'], { timeoutMs: 90_000 }));
    const lookup = () => kubectl('exec', 'client', '--', 'nslookup', 'kubernetes');
    await eventually('nslookup kubernetes to answer', async () => ((await lookup()).stdout.includes('Address: 10.96.0.1') ? true : undefined), 60_000);
    expectSuccess(await kubectl('scale', '-n', 'kube-system', 'deployment/coredns', '--replicas=0'));
    const failed = await eventually('lookups to time out', async () => {
      const result = await lookup();
      return result.code === 1 ? result : undefined;
    }, 60_000);
    expect(failed.stdout).toBe(';; connection timed out; no servers could be reached\n\n');
    expectSuccess(await kubectl('scale', '-n', 'kube-system', 'deployment/coredns', '--replicas=2'));
    await eventually('nslookup kubernetes to answer again', async () => ((await lookup()).code === 0 ? true : undefined), 90_000);
  });

  it('runs a manifest written into a node\'s manifest directory as a static pod named after the node; editing it replaces the pod, removing it removes it', async () => {
    const directory = path.join(drydock().dataDir, 'nodes', 'node-1', 'etc', 'kubernetes', 'manifests');
    mkdirSync(directory, { recursive: true });
    const manifest = (image: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: static-web\nspec:\n  containers:\n  - name: web\n    image: ${image}\n`;
    const staticWeb = (image: string) => eventually(`static-web-node-1 Running ${image}`, async () => {
      const found = await getJson(drydock(), ['pods']);
      return found.items.find((p: Json) => p.metadata.name === 'static-web-node-1' && p.spec.containers[0].image === image && isRunningAndReady(p));
    }, 60_000);
    writeFileSync(path.join(directory, 'static-web.yaml'), manifest('nginx'));
    const pod = await staticWeb('nginx');
    expect(pod.spec.nodeName).toBe('node-1');
    writeFileSync(path.join(directory, 'static-web.yaml'), manifest('nginx:1.27'));
    const edited = await staticWeb('nginx:1.27');
    expect(edited.metadata.uid).not.toBe(pod.metadata.uid);
    expect(edited.metadata.annotations['kubernetes.io/config.hash']).not.toBe(pod.metadata.annotations['kubernetes.io/config.hash']);
    rmSync(path.join(directory, 'static-web.yaml'));
    await eventually('static-web-node-1 gone', async () => ((await kubectl('get', 'pod', 'static-web-node-1')).stderr.includes('pods "static-web-node-1" not found') ? true : undefined), 60_000);
  });
});
