import { isBestEffort, podConstraintsError, podUsage, QuotaPod } from './pod-usage';
import { serializeResourceList } from './resource-list';

const container = (name: string, requests?: Record<string, string>, limits?: Record<string, string>) => ({ name, resources: { requests, limits } });
const now = Date.parse('2026-01-01T00:00:00Z');

describe('podUsage', () => {
  it('charges pods, requests under the bare and requests. names, and limits, summed over containers', () => {
    const pod: QuotaPod = { spec: { containers: [container('a', { cpu: '100m', memory: '64Mi' }, { cpu: '200m' }), container('b', { cpu: '400m' }, { cpu: '1' })] } };
    expect(serializeResourceList(podUsage(pod, now))).toEqual({
      'count/pods': '1', pods: '1', cpu: '500m', 'requests.cpu': '500m', 'limits.cpu': '1200m', memory: '64Mi', 'requests.memory': '64Mi',
    });
  });

  it('takes an init container that asks for more than the containers together', () => {
    const pod: QuotaPod = { spec: { initContainers: [container('init', { cpu: '2' })], containers: [container('a', { cpu: '1' })] } };
    expect(serializeResourceList(podUsage(pod, now))['requests.cpu']).toBe('2');
  });

  it('charges a terminal pod, or one past its deletion grace period, only count/pods', () => {
    const spec = { containers: [container('a', { cpu: '1' })] };
    expect(serializeResourceList(podUsage({ spec, status: { phase: 'Succeeded' } }, now))).toEqual({ 'count/pods': '1' });
    const stuck = { spec, metadata: { deletionTimestamp: '2025-12-31T23:59:00Z', deletionGracePeriodSeconds: 30 } };
    expect(serializeResourceList(podUsage(stuck, now))).toEqual({ 'count/pods': '1' });
    const stopping = { spec, metadata: { deletionTimestamp: '2025-12-31T23:59:50Z', deletionGracePeriodSeconds: 30 } };
    expect(serializeResourceList(podUsage(stopping, now)).pods).toBe('1');
  });
});

describe('podConstraintsError', () => {
  it('names every container missing a resource a quota covers, as upstream', () => {
    const pod: QuotaPod = { spec: { containers: [container('web', { cpu: '1' }), container('log')] } };
    expect(podConstraintsError(pod, ['limits.cpu', 'requests.cpu', 'pods'])).toBe('must specify limits.cpu for: log,web; requests.cpu for: log');
    expect(podConstraintsError(pod, ['pods'])).toBeUndefined();
  });
});

describe('isBestEffort', () => {
  it('is true only without positive cpu or memory requests and limits', () => {
    expect(isBestEffort({ spec: { containers: [container('a')] } })).toBe(true);
    expect(isBestEffort({ spec: { containers: [container('a', undefined, { memory: '1Gi' })] } })).toBe(false);
  });
});
