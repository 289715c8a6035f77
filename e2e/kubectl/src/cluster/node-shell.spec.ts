process.env.DRYDOCK_CLOCK_SCALE = '10';

import { expectSuccess } from '../harness/expectations';
import { kubectlBinaries } from '../harness/kubectl-binaries';
import { Json } from '../harness/json';
import { getJson } from '../harness/use-drydock';
import { eventually, isRunningAndReady, nodeCondition, nodes, nodesReady, useClusterDrydock } from './support/cluster';
import { Terminal } from './support/terminal';

/** A shell on a simulated node as kubeadm leaves it (issue 13): `kubectl debug node/…`, chroot /host, crictl, systemctl. */
describe('node shells: kubectl debug node, the node\'s files, crictl, systemctl and ssh', () => {
  const drydock = useClusterDrydock();
  const kubectl = (...args: string[]) => drydock().run(args);
  let debugger1 = '';
  const onNode1 = (...command: string[]) => kubectl('exec', debugger1, '--', 'chroot', '/host', ...command);

  beforeAll(async () => {
    await nodesReady(drydock());
    const created = expectSuccess(await kubectl('debug', 'node/node-1', '--image=busybox', '--', 'sleep', '3600'));
    debugger1 = /Creating debugging pod (node-debugger-node-1-[a-z0-9]{5}) with container debugger on node node-1\./.exec(created)![1];
    await eventually(`${debugger1} Running`, async () => (isRunningAndReady(await getJson(drydock(), ['pod', debugger1])) ? true : undefined), 60_000);
  });

  it('kubectl debug node/controlplane -it attaches a terminal to a busybox shell that sees the node at /host: crictl ps and the static pod manifests', async () => {
    const terminal = new Terminal(`stty cols 200 rows 40; ${kubectlBinaries().kubectl} debug node/controlplane -it --image=busybox`, drydock().kubectlEnv());
    await terminal.waitFor(/Creating debugging pod node-debugger-controlplane-[a-z0-9]{5} with container debugger on node controlplane\.\r\n[\s\S]*(If you don't see a command prompt, try pressing enter\.\r\n|\/ # )$/);
    terminal.type('\r');
    await terminal.waitFor(/\/ # $/);
    terminal.type('chroot /host crictl ps\r');
    await terminal.waitFor(/\r\n[0-9a-f]{13}\s+[0-9a-f]{13}\s+.+ ago\s+Running\s+kube-apiserver\s+0\s+[0-9a-f]{13}\s+kube-apiserver-controlplane\s+kube-system\r\n[\s\S]*\/ # $/);
    expect(terminal.output()).toMatch(/\r\nCONTAINER {11}IMAGE {15}CREATED\s+STATE\s+NAME\s+ATTEMPT\s+POD ID\s+POD\s+NAMESPACE\r\n/);
    terminal.type('grep -A1 "command:" /host/etc/kubernetes/manifests/kube-apiserver.yaml; grep secure-port /host/etc/kubernetes/manifests/kube-apiserver.yaml\r');
    await terminal.waitFor(new RegExp(`\\r\\n  - command:\\r\\n    - kube-apiserver\\r\\n    - --secure-port=${drydock().port}\\r\\n/ # $`));
    terminal.type('exit\r');
    expect(await terminal.exit()).toBe(0);
    const pod = (await getJson(drydock(), ['pods'])).items.find((p: Json) => p.metadata.name.startsWith('node-debugger-controlplane-'));
    expect(pod.spec).toMatchObject({ nodeName: 'controlplane', hostPID: true, hostNetwork: true, hostIPC: true });
    expect(pod.spec.volumes).toContainEqual(expect.objectContaining({ name: 'host-root', hostPath: expect.objectContaining({ path: '/' }) }));
  });

  it('crictl ps, pods and images on node-1 list its containers (chroot /host in a debugging pod, as upstream)', async () => {
    const ps = expectSuccess(await onNode1('crictl', 'ps'));
    expect(ps).toMatch(new RegExp(`^[0-9a-f]{13}\\s+[0-9a-f]{13}\\s+.+ ago\\s+Running\\s+debugger\\s+0\\s+[0-9a-f]{13}\\s+${debugger1}\\s+default$`, 'm'));
    expect(ps).toMatch(/\s+Running\s+kube-proxy\s+0\s+[0-9a-f]{13}\s+kube-proxy-[a-z0-9]{5}\s+kube-system$/m);
    expect(expectSuccess(await onNode1('crictl', 'pods'))).toMatch(new RegExp(`^[0-9a-f]{13}\\s+.+ ago\\s+Ready\\s+${debugger1}\\s+default\\s+0\\s+\\(default\\)$`, 'm'));
    expect(expectSuccess(await onNode1('crictl', 'images'))).toMatch(/^docker\.io\/library\/busybox\s+latest\s+[0-9a-f]{13}\s+[\d.]+MB$/m);
    expect(expectSuccess(await onNode1('cat', '/var/lib/kubelet/config.yaml'))).toContain('staticPodPath: /etc/kubernetes/manifests');
    expect(expectSuccess(await onNode1('ls', '/etc/kubernetes/pki'))).toBe('ca.crt\n');
    expect(expectSuccess(await onNode1('ps', 'aux'))).toMatch(/^root\s+\d+ .* \/usr\/bin\/kubelet --bootstrap-kubeconfig=/m);
  });

  it('crictl logs, inspect and exec reach a container on node-1 by the ID crictl ps gives', async () => {
    const proxy = expectSuccess(await onNode1('crictl', 'ps', '--name', 'kube-proxy', '-q')).trim();
    expect(proxy).toMatch(/^[0-9a-f]{64}$/);
    expect(expectSuccess(await onNode1('crictl', 'logs', proxy.slice(0, 13)))).toMatch(/^I\d{4} [\d:.]{15} +1 server_linux\.go:53\] "Using iptables proxy"$/m);
    expect(JSON.parse(expectSuccess(await onNode1('crictl', 'inspect', proxy))).status).toMatchObject({ id: proxy, state: 'CONTAINER_RUNNING', metadata: { name: 'kube-proxy' }, labels: { 'io.kubernetes.pod.namespace': 'kube-system' } });
    const debug = expectSuccess(await onNode1('crictl', 'ps', '--name', 'debugger', '-q')).trim();
    expect(expectSuccess(await onNode1('crictl', 'exec', debug, 'ls', '/host/etc/kubernetes'))).toMatch(/^kubelet\.conf$/m);
    const failed = await onNode1('crictl', 'exec', '-it', debug, 'sh', '-c', 'echo from crictl; exit 3');
    // crictl's own line, then kubectl exec's for crictl's exit status.
    expect(failed).toMatchObject({ code: 1, stdout: 'from crictl\n', stderr: 'FATA[0000] execing command in container: command terminated with exit code 3\ncommand terminated with exit code 1\n' });
  });

  it('systemctl stop kubelet on node-2 (over ssh from node-1) makes it NotReady and its pods not Ready; start makes them Ready again; restart logs a stop and a start', async () => {
    expectSuccess(await onNode1('ssh', 'node-2', 'systemctl', 'stop', 'kubelet'));
    const inactive = await onNode1('ssh', 'node-2', 'systemctl', 'status', 'kubelet');
    expect(inactive.code).toBe(3);
    expect(inactive.stdout).toMatch(/^ {5}Active: inactive \(dead\) since /m);
    const readyOf = async () => nodeCondition((await nodes(drydock())).find((node) => node.metadata.name === 'node-2'), 'Ready')?.status;
    await eventually('node-2 NotReady', async () => ((await readyOf()) === 'Unknown' ? true : undefined), 90_000, async () => expectSuccess(await kubectl('get', 'nodes')));
    // Its pods follow upstream's timeline: the node lifecycle controller marks them not Ready (MarkPodsNotReady).
    const proxyReady = async () => {
      const pods = (await getJson(drydock(), ['pods', '-n', 'kube-system', '-l', 'k8s-app=kube-proxy', '--field-selector', 'spec.nodeName=node-2'])).items as Json[];
      return pods[0]?.status?.conditions?.find((condition: Json) => condition.type === 'Ready')?.status;
    };
    await eventually('kube-proxy on node-2 not Ready', async () => ((await proxyReady()) === 'False' ? true : undefined), 60_000);
    expectSuccess(await onNode1('ssh', 'node-2', 'systemctl', 'start', 'kubelet'));
    await eventually('node-2 Ready again', async () => ((await readyOf()) === 'True' ? true : undefined), 90_000, async () => expectSuccess(await kubectl('get', 'nodes')));
    await eventually('kube-proxy on node-2 Ready again', async () => ((await proxyReady()) === 'True' ? true : undefined), 60_000);
    expectSuccess(await onNode1('ssh', 'node-2', 'systemctl', 'restart', 'kubelet'));
    const journal = expectSuccess(await onNode1('ssh', 'node-2', 'journalctl', '-u', 'kubelet'));
    expect(journal).toMatch(/^\w{3} \d{2} \d{2}:\d{2}:\d{2} node-2 systemd\[1\]: Stopped kubelet\.service - kubelet: The Kubernetes Node Agent\.$/m);
    // Started at boot, by start, and by restart (a stop and a start).
    expect(journal.match(/systemd\[1\]: Started kubelet\.service/g)).toHaveLength(3);
    expect(expectSuccess(await onNode1('ssh', 'node-2', 'systemctl', 'status', 'kubelet'))).toMatch(/^ {5}Active: active \(running\) since /m);
  });
});
