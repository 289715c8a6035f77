import { InMemoryFs } from 'just-bash';
import type { KubeClient } from '@drydock/client';
import type { Clock } from '@drydock/util';
import type { KubeObject } from '@drydock/util';
import type { ComponentState } from '../control-plane/component-state';
import type { SimulatedNode } from '../kubelet/simulated-node';
import type { StaticPods } from './static-pods.service';
import { apiEtcdView } from '../control-plane/etcd-view';
import { etcdctlCommand } from '../shell/commands/etcdctl.command';
import { ContainerShell } from '../shell/container-shell';

/**
 * What `kubectl exec` reaches in a control-plane mirror pod: a shell over an empty filesystem with the
 * component's binaries; in etcd's, etcdctl over Drydock's store (ETCDCTL_API=3 set, as in the image).
 */
export function componentShell(state: ComponentState, deps: { client: KubeClient; clock: Clock; hostIP: string; node: string }): ContainerShell {
  const fs = new InMemoryFs();
  for (const directory of ['/usr/local/bin', '/usr/bin', '/bin', '/tmp', '/var/lib/etcd']) fs.mkdirSync(directory, { recursive: true });
  const commands = state.component === 'etcd' ? [etcdctlCommand(apiEtcdView(deps.client), { name: deps.node, advertiseAddress: deps.hostIP })] : [];
  const env: Record<string, string> = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOSTNAME: deps.node, ...(state.component === 'etcd' ? { ETCDCTL_API: '3' } : {}) };
  return new ContainerShell({ fs, env, clock: deps.clock, commands });
}

/** The kubelet server's lookup: the shell of container `container` of mirror pod namespace/name, if it is a component's. */
export function componentExecShells(staticPods: StaticPods, deps: { pod(namespace: string, name: string): KubeObject | undefined; node(name: string): SimulatedNode | undefined; client: KubeClient; clock: Clock }) {
  return (namespace: string, name: string, container: string): ContainerShell | undefined => {
    const pod = deps.pod(namespace, name);
    const state = pod && staticPods.componentOf(pod);
    const node = deps.node((pod?.spec as { nodeName?: string } | undefined)?.nodeName ?? '');
    return state && node && container === state.component ? componentShell(state, { client: deps.client, clock: deps.clock, hostIP: node.hostIP, node: node.name }) : undefined;
  };
}
