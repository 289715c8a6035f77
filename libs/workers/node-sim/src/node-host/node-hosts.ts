import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InMemoryFs, MountableFs, ReadWriteFs, type MountConfig } from 'just-bash';
import { klogLine, type Clock } from '@drydock/util';
import type { SimulatedNode } from '../kubelet/simulated-node';
import { envCommands } from '../shell/commands/env.command';
import { identityCommands } from '../shell/commands/identity.command';
import { ContainerShell } from '../shell/container-shell';
import { etcdctlContext } from '../control-plane/etcd-endpoint.connector';
import { CONTROL_PLANE_NODE } from '../control-plane/control-plane-node';
import { etcdctlCommand, etcdutlCommand } from '../shell/commands/etcdctl/etcdctl.command';
import { crictlCommand } from './commands/crictl.command';
import { HostProcess, hostPsCommand } from './commands/host-ps.command';
import { sshCommand } from './commands/ssh.command';
import { journalctlCommand, KubeletUnit, systemctlCommand } from './commands/systemd.commands';
import type { NodeRuntimeView } from './cri-view';
import { ensureNodeFiles } from './node-files';

export interface NodeHostDependencies {
  dataDir: string;
  clock: Clock;
  runtime(node: SimulatedNode): NodeRuntimeView;
  /** Stops or starts the node's simulated kubelet (heartbeats, pod updates, kubelet endpoints). */
  setKubelet(node: SimulatedNode, running: boolean): void;
  /** Another node of this process by name (ssh). */
  node(name: string): SimulatedNode | undefined;
}

const KUBELET_COMMAND = '/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10.1';
const UNIT_DESCRIPTION = 'kubelet.service - kubelet: The Kubernetes Node Agent';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** A small stable pid per name (ps shows the same pid on every call). */
function pidOf(seed: string, base = 1000): number {
  return base + (parseInt(createHash('sha256').update(seed).digest('hex').slice(0, 6), 16) % 30000);
}

/**
 * The simulated nodes as machines: each has its own files (its root directory, see ensureNodeFiles),
 * a kubelet service systemd can stop and start, and a shell with the tools of a kubeadm node (crictl,
 * systemctl, journalctl, ps aux) over those files. `kubectl debug node/…` pods reach it through their
 * hostPath `/` volume and `chroot /host`.
 */
export class NodeHosts {
  private readonly units = new Map<string, KubeletUnit>();
  private readonly journals = new Map<string, string[]>();

  constructor(private readonly deps: NodeHostDependencies) {}

  /** The node's root directory, its kubeadm files written when missing. */
  root(node: SimulatedNode): string {
    return ensureNodeFiles({ dataDir: this.deps.dataDir, node: node.name, hostIP: node.hostIP });
  }

  /** A shell on the node itself (what `chroot /host` enters). */
  shell(node: SimulatedNode): ContainerShell {
    const root = this.root(node);
    const runtime = this.deps.runtime(node);
    const unit = this.unit(node);
    const commands = [
      ...identityCommands(node.name),
      ...envCommands(),
      crictlCommand(runtime, () => Date.now()),
      systemctlCommand(unit, () => new Date()),
      journalctlCommand(unit),
      hostPsCommand(() => this.processes(node, runtime, unit)),
      sshCommand((host) => {
        const other = this.deps.node(host);
        if (!other) return 'unknown';
        return other.powered ? this.shell(other) : 'unreachable';
      }),
      // The exam's control-plane node has etcdctl installed on the host (etcd-client), as the notes use it.
      ...(node.name === CONTROL_PLANE_NODE ? etcdTools(etcdctlContext(this.deps.dataDir, () => [node.hostIP], () => this.deps.clock.now())) : []),
    ];
    const env = { HOME: '/root', HOSTNAME: node.name, PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', USER: 'root' };
    return new ContainerShell({ fs: hostFilesystem(root), env, knownImage: 'ubuntu', clock: this.deps.clock, commands });
  }

  unit(node: SimulatedNode): KubeletUnit {
    const existing = this.units.get(node.name);
    if (existing) return existing;
    const journal = this.journal(node);
    const started = () => {
      node.kubeletStartedAt = new Date();
      journal.push(this.line(node, 'systemd[1]', `Started ${UNIT_DESCRIPTION}.`));
      journal.push(this.line(node, `kubelet[${unit.pid()}]`, klogLine('kubelet.go:2476', '"Starting kubelet main sync loop"', { threadId: unit.pid() })));
    };
    const stopped = () => {
      journal.push(this.line(node, 'systemd[1]', `Stopping ${UNIT_DESCRIPTION}...`));
      journal.push(this.line(node, 'systemd[1]', 'kubelet.service: Deactivated successfully.'));
      journal.push(this.line(node, 'systemd[1]', `Stopped ${UNIT_DESCRIPTION}.`));
      node.kubeletStartedAt = new Date();
    };
    const unit: KubeletUnit = {
      running: () => node.kubeletRunning,
      since: () => node.kubeletStartedAt,
      pid: () => pidOf(`${node.name}/kubelet/${node.kubeletStartedAt.getTime()}`),
      commandLine: KUBELET_COMMAND,
      stop: () => {
        if (!node.kubeletRunning) return;
        stopped();
        this.deps.setKubelet(node, false);
      },
      start: () => {
        if (node.kubeletRunning) return;
        started();
        this.deps.setKubelet(node, true);
      },
      restart: () => {
        unit.stop();
        unit.start();
      },
      journal: () => journal,
    };
    this.units.set(node.name, unit);
    return unit;
  }

  private journal(node: SimulatedNode): string[] {
    if (!this.journals.has(node.name)) this.journals.set(node.name, [this.line(node, 'systemd[1]', `Started ${UNIT_DESCRIPTION}.`, node.kubeletStartedAt)]);
    return this.journals.get(node.name)!;
  }

  private line(node: SimulatedNode, process: string, message: string, at = new Date()): string {
    return `${MONTHS[at.getUTCMonth()]} ${pad(at.getUTCDate())} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())} ${node.name} ${process}: ${message}`;
  }


  private processes(node: SimulatedNode, runtime: NodeRuntimeView, unit: KubeletUnit): HostProcess[] {
    const boot = new Date(node.kubeletStartedAt.getTime());
    const list: HostProcess[] = [
      { pid: 1, user: 'root', command: '/sbin/init', started: boot },
      { pid: pidOf(`${node.name}/containerd`, 400), user: 'root', command: '/usr/bin/containerd', started: boot },
    ];
    if (unit.running()) list.push({ pid: unit.pid(), user: 'root', command: KUBELET_COMMAND, started: unit.since() });
    for (const container of runtime.containers().filter((c) => c.state === 'Running')) {
      list.push({ pid: pidOf(`shim/${container.podSandboxId}`), user: 'root', command: `/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${container.podSandboxId} -address /run/containerd/containerd.sock`, started: container.createdAt });
      list.push({ pid: pidOf(container.id), user: 'root', command: container.commandLine, started: container.createdAt });
    }
    return list.sort((a, b) => a.pid - b.pid);
  }
}

const etcdTools = (context: ReturnType<typeof etcdctlContext>) => [etcdctlCommand(context), etcdutlCommand(context)];

/** The node's `/`: its real directories (etc, var, …) mounted over an in-memory base that holds /bin. */
function hostFilesystem(root: string): MountableFs {
  const base = new InMemoryFs();
  for (const directory of ['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/root']) base.mkdirSync(directory, { recursive: true });
  const mounts: MountConfig[] = readdirSync(root)
    .filter((entry) => !['bin', 'sbin', 'usr'].includes(entry) && statSync(join(root, entry)).isDirectory())
    .map((entry) => ({ mountPoint: `/${entry}`, filesystem: new ReadWriteFs({ root: join(root, entry) }) }));
  return new HostFs(base, mounts);
}

/** just-bash writes its command stubs into /bin through writeFileSync, which only the base layer has. */
export class HostFs extends MountableFs {
  constructor(private readonly base: InMemoryFs, mounts: MountConfig[]) {
    super({ base, mounts });
  }

  writeFileSync(path: string, content: string): void {
    this.base.writeFileSync(path, content);
  }
}
