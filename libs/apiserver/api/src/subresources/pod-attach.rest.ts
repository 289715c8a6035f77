import type { Duplex } from 'node:stream';
import { StatusError } from '@drydock/util';
import type { ObjectStore } from '@drydock/storage';
import type { SubresourceCall, SubresourceRest } from '@drydock/registry';
import { proxyStreamUpgrade } from '../kubelet/kubelet-proxy';
import { resolveKubeletTarget } from '../kubelet/kubelet-target';

/**
 * `pods/NAME/attach`, upstream's AttachREST (a rest.Connecter): the WebSocket is spliced to the pod's
 * (simulated) kubelet, which attaches it to the container's main process.
 */
export class AttachRest implements SubresourceRest {
  constructor(
    private readonly store: ObjectStore,
    private readonly kubeletToken: string,
  ) {}

  async get(): Promise<void> {
    throw StatusError.badRequest('Upgrade request required');
  }

  async connect({ cluster, namespace, name, query, req }: SubresourceCall, socket: Duplex, head: Buffer): Promise<void> {
    const target = await resolveKubeletTarget(this.store, cluster, namespace, name, query.get('container'));
    proxyStreamUpgrade('attach', req, socket, head, target, query, this.kubeletToken);
  }
}
