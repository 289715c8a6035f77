import type { Duplex } from 'node:stream';
import { StatusError } from '@drydock/util';
import type { ObjectStore } from '@drydock/storage';
import type { SubresourceCall, SubresourceRest } from '@drydock/registry';
import { proxyStreamUpgrade } from '../kubelet/kubelet-proxy';
import { resolveKubeletTarget } from '../kubelet/kubelet-target';

/**
 * `pods/NAME/portforward`, upstream's PortForwardREST (a rest.Connecter): the upgrade is spliced to the
 * pod's (simulated) kubelet, which connects each requested port to what listens there in the pod.
 */
export class PortForwardRest implements SubresourceRest {
  constructor(
    private readonly store: ObjectStore,
    private readonly kubeletToken: string,
  ) {}

  async get(): Promise<void> {
    throw StatusError.badRequest('Upgrade request required');
  }

  async connect({ cluster, namespace, name, query, req }: SubresourceCall, socket: Duplex, head: Buffer): Promise<void> {
    const target = await resolveKubeletTarget(this.store, cluster, namespace, name, undefined);
    proxyStreamUpgrade('portForward', req, socket, head, target, query, this.kubeletToken);
  }
}
