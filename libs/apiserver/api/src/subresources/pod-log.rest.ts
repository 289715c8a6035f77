import type { ServerResponse } from 'node:http';
import type { ObjectStore } from '@drydock/storage';
import type { SubresourceCall, SubresourceRest } from '@drydock/registry';
import { proxyLogs } from '../kubelet/kubelet-proxy';
import { resolveKubeletTarget } from '../kubelet/kubelet-target';

/** `GET pods/NAME/log`, upstream's LogREST: the container's log streamed from the pod's (simulated) kubelet. */
export class LogRest implements SubresourceRest {
  constructor(
    private readonly store: ObjectStore,
    private readonly kubeletToken: string,
  ) {}

  async get({ cluster, namespace, name, query, req }: SubresourceCall, res: ServerResponse): Promise<void> {
    const target = await resolveKubeletTarget(this.store, cluster, namespace, name, query.get('container'));
    await proxyLogs(req, res, target, query, this.kubeletToken);
  }
}
