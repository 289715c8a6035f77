import type { Duplex } from 'node:stream';
import { StatusError } from '@drydock/util';
import type { ObjectStore } from '@drydock/storage';
import type { SubresourceCall, SubresourceRest } from '@drydock/registry';
import { proxyStreamUpgrade } from '../kubelet/kubelet-proxy';
import { resolveKubeletTarget } from '../kubelet/kubelet-target';

/** The kubelet's streaming endpoints, and whether the request names a container. */
const streams = {
  exec: { kubeletPath: 'exec', perContainer: true },
  attach: { kubeletPath: 'attach', perContainer: true },
  portforward: { kubeletPath: 'portForward', perContainer: false },
} as const;

/**
 * `pods/NAME/exec`, `attach` and `portforward`: upstream's ExecREST, AttachREST and PortForwardREST
 * (rest.Connecters). The upgrade is spliced to the pod's (simulated) kubelet, which runs the command,
 * attaches to the container's main process, or connects each requested port to what listens there.
 */
export class PodStreamRest implements SubresourceRest {
  constructor(
    private readonly stream: keyof typeof streams,
    private readonly store: ObjectStore,
    private readonly kubeletToken: string,
  ) {}

  async get(): Promise<void> {
    throw StatusError.badRequest('Upgrade request required');
  }

  async connect({ cluster, namespace, name, query, req }: SubresourceCall, socket: Duplex, head: Buffer): Promise<void> {
    const { kubeletPath, perContainer } = streams[this.stream];
    const target = await resolveKubeletTarget(this.store, cluster, namespace, name, perContainer ? query.get('container') : undefined);
    proxyStreamUpgrade(kubeletPath, req, socket, head, target, query, this.kubeletToken);
  }
}
