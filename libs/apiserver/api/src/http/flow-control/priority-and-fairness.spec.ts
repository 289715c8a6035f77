import type { ServerResponse } from 'node:http';
import { hasStorePriority } from '@drydock/storage';
import type { WatchSource } from '../../watch/watch-source';
import type { RequestInfo } from '../request-info';
import { PriorityAndFairness } from './priority-and-fairness';

/** A cluster without FlowSchemas of its own: the bootstrap configuration serves. */
const emptySource = {
  revision: 1,
  snapshot: () => ({ items: [], revision: 1 }),
  watch: () => ({ close: () => undefined }),
} as unknown as WatchSource;
const response = () => ({ headersSent: false, setHeader: () => undefined }) as unknown as ServerResponse;
const resource = (verb: string, group: string, name: string, namespace = '', subresource = ''): RequestInfo => ({ cluster: 'default', group, version: 'v1', namespace, resource: name, name: 'x', subresource, verb });

describe('PriorityAndFairness and the store', () => {
  const apf = new PriorityAndFairness({ enabled: true, totalConcurrencyLimit: 600, queueWaitMs: 1000 }, emptySource);
  afterAll(() => apf.close());

  async function inStorePriority(user: { name: string; groups: string[] }, info: RequestInfo, verb: string): Promise<boolean> {
    let seen: boolean | undefined;
    await apf.handle(response(), { cluster: 'default', user, info, verb, path: '' }, async () => {
      await Promise.resolve();
      seen = hasStorePriority();
    });
    return seen!;
  }

  it("serves leader election and the nodes' heartbeats in the store's priority lane, bulk traffic not", async () => {
    const scheduler = { name: 'system:kube-scheduler', groups: ['system:authenticated'] };
    const kubelet = { name: 'system:node:n1', groups: ['system:nodes', 'system:authenticated'] };
    expect(await inStorePriority(scheduler, resource('update', 'coordination.k8s.io', 'leases', 'kube-system'), 'put')).toBe(true);
    expect(await inStorePriority(kubelet, resource('patch', '', 'nodes', '', 'status'), 'patch')).toBe(true);
    expect(await inStorePriority(kubelet, resource('update', 'coordination.k8s.io', 'leases', 'kube-node-lease'), 'put')).toBe(true);
    expect(await inStorePriority(scheduler, resource('create', '', 'pods', 'default', 'binding'), 'post')).toBe(false);
    expect(await inStorePriority(kubelet, resource('patch', '', 'pods', 'default', 'status'), 'patch')).toBe(false);
    expect(await inStorePriority({ name: 'alice', groups: ['system:authenticated'] }, resource('create', '', 'configmaps', 'default'), 'post')).toBe(false);
  });
});
