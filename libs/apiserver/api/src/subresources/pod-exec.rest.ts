import type { Duplex } from 'node:stream';
import { StatusError } from '@drydock/util';
import type { ObjectStore } from '@drydock/storage';
import type { SubresourceCall, SubresourceRest } from '@drydock/registry';
import { proxyExecUpgrade } from '../kubelet/kubelet-proxy';
import { resolveKubeletTarget } from '../kubelet/kubelet-target';

/** `pods/NAME/exec`, upstream's ExecREST (a rest.Connecter): the WebSocket is spliced to the pod's (simulated) kubelet. */
export class ExecRest implements SubresourceRest {
  constructor(
    private readonly store: ObjectStore,
    private readonly kubeletToken: string,
  ) {}

  async get(): Promise<void> {
    throw StatusError.badRequest('exec needs a WebSocket upgrade (Sec-WebSocket-Protocol: v5.channel.k8s.io)');
  }

  async connect({ cluster, namespace, name, query, req }: SubresourceCall, socket: Duplex, head: Buffer): Promise<void> {
    const target = await resolveKubeletTarget(this.store, cluster, namespace, name, query.get('container'));
    proxyExecUpgrade(req, socket, head, target, query, this.kubeletToken);
  }
}
