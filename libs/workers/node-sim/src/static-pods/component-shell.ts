import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { InMemoryFs, type MountableFs, ReadWriteFs } from 'just-bash';
import type { Clock, KubeObject } from '@drydock/util';
import type { ComponentState } from '../control-plane/component-state';
import { etcdctlContext } from '../control-plane/etcd-endpoint.connector';
import type { SimulatedNode } from '../kubelet/simulated-node';
import { HostFs } from '../node-host/node-hosts';
import type { StaticPods } from './static-pods.service';
import { etcdctlCommand, etcdutlCommand } from '../shell/commands/etcdctl/etcdctl.command';
import { ContainerShell } from '../shell/container-shell';

interface PodSpec {
  containers?: Array<{ name: string; volumeMounts?: Array<{ name: string; mountPath: string }> }>;
  volumes?: Array<{ name: string; hostPath?: { path: string; type?: string } }>;
}

/** The container's filesystem: an empty image with the pod's hostPath volumes mounted from the node's files (etcd's certificates and data). */
function componentFilesystem(pod: KubeObject, container: string, nodeRoot: string): MountableFs {
  const base = new InMemoryFs();
  for (const directory of ['/usr/local/bin', '/usr/bin', '/bin', '/tmp', '/var/lib']) base.mkdirSync(directory, { recursive: true });
  const spec = pod.spec as PodSpec;
  const mounts = (spec.containers?.find((c) => c.name === container)?.volumeMounts ?? []).flatMap((mount) => {
    const hostPath = spec.volumes?.find((volume) => volume.name === mount.name)?.hostPath;
    // Directories only (kubeconfig files are FileOrCreate), never out of the node's root.
    if (!hostPath || hostPath.path.split('/').includes('..') || !['', 'Directory', 'DirectoryOrCreate'].includes(hostPath.type ?? '')) return [];
    const directory = join(nodeRoot, hostPath.path);
    try {
      mkdirSync(directory, { recursive: true });
    } catch {
      return [];
    }
    return [{ mountPoint: mount.mountPath, filesystem: new ReadWriteFs({ root: directory }) }];
  });
  return new HostFs(base, mounts);
}

/**
 * What `kubectl exec` reaches in a control-plane mirror pod: a shell over an empty image with the
 * component's binaries and its hostPath volumes; in etcd's, etcdctl against the etcd endpoint over
 * Drydock's store (ETCDCTL_API=3 set, as in the image).
 */
export function componentShell(state: ComponentState, pod: KubeObject, deps: { clock: Clock; node: SimulatedNode; root: string; dataDir: string }): ContainerShell {
  const fs = componentFilesystem(pod, state.component, deps.root);
  const etcd = state.component === 'etcd' ? etcdctlContext(deps.dataDir, () => [deps.node.hostIP], () => deps.clock.now()) : undefined;
  const commands = etcd ? [etcdctlCommand(etcd), etcdutlCommand(etcd)] : [];
  const env: Record<string, string> = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOSTNAME: deps.node.name, ...(state.component === 'etcd' ? { ETCDCTL_API: '3' } : {}) };
  return new ContainerShell({ fs, env, clock: deps.clock, commands });
}

/** The kubelet server's lookup: the shell of container `container` of mirror pod namespace/name, if it is a component's. */
export function componentExecShells(staticPods: StaticPods, deps: { pod(namespace: string, name: string): KubeObject | undefined; node(name: string): SimulatedNode | undefined; root(node: SimulatedNode): string; clock: Clock; dataDir: string }) {
  return (namespace: string, name: string, container: string): ContainerShell | undefined => {
    const pod = deps.pod(namespace, name);
    const state = pod && staticPods.componentOf(pod);
    const node = deps.node((pod?.spec as { nodeName?: string } | undefined)?.nodeName ?? '');
    return state && node && container === state.component ? componentShell(state, pod, { clock: deps.clock, node, root: deps.root(node), dataDir: deps.dataDir }) : undefined;
  };
}
