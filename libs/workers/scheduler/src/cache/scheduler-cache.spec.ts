import { newPodInfo } from '../framework/node-info';
import { makeNode, makePod } from '../framework/testing';
import { SchedulerCache } from './scheduler-cache';

describe('SchedulerCache', () => {
  it('counts an assumed pod on its node at once, and confirms it when the informer reports it bound', () => {
    const cache = new SchedulerCache();
    cache.addOrUpdateNode(makeNode('a', { cpu: '4' }));
    const pod = makePod('p', { cpu: '1' });
    cache.assumePod(newPodInfo(pod), 'a');
    expect(cache.get('a')!.requested.milliCPU).toBe(1000);
    expect(cache.isAssumed('default/p')).toBe(true);
    cache.addOrUpdatePod({ ...pod, spec: { ...pod.spec, nodeName: 'a' } });
    expect(cache.isAssumed('default/p')).toBe(false);
    expect(cache.get('a')!.requested.milliCPU).toBe(1000);
    cache.forgetPod('default/p');
    expect(cache.get('a')!.pods.size).toBe(1);
  });

  it('forgets an assumed pod whose binding failed', () => {
    const cache = new SchedulerCache();
    cache.addOrUpdateNode(makeNode('a'));
    cache.assumePod(newPodInfo(makePod('p', { cpu: '1' })), 'a');
    cache.forgetPod('default/p');
    expect(cache.get('a')!.requested.milliCPU).toBe(0);
  });

  it('keeps pods that arrive before their node and lists only nodes that exist', () => {
    const cache = new SchedulerCache();
    cache.addOrUpdatePod(makePod('p', { nodeName: 'later', cpu: '1' }));
    expect(cache.nodeInfos()).toHaveLength(0);
    cache.addOrUpdateNode(makeNode('later'));
    expect(cache.nodeInfos().map((info) => info.requested.milliCPU)).toEqual([1000]);
    cache.removeNode('later');
    expect(cache.nodeInfos()).toHaveLength(0);
  });

  it('tracks nodes with pods carrying required anti-affinity', () => {
    const cache = new SchedulerCache();
    cache.addOrUpdateNode(makeNode('a'));
    const guard = makePod('g', { nodeName: 'a', affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: {}, topologyKey: 'zone' }] } } });
    cache.addOrUpdatePod(guard);
    expect(cache.havePodsWithRequiredAntiAffinity().map((info) => info.name)).toEqual(['a']);
    cache.removePod('default/g');
    expect(cache.havePodsWithRequiredAntiAffinity()).toEqual([]);
  });
});
