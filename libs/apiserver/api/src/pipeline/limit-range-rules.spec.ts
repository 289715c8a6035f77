import type { QuotaPod } from '@drydock/kube';
import { aggregateMessage, applyLimitRangeDefaults, claimLimitRangeErrors, LimitRangeObject, podLimitRangeErrors } from './limit-range-rules';

const limitRange = (item: object): LimitRangeObject => ({ spec: { limits: [{ type: 'Container', ...item }] } });
const pod = (resources?: object): QuotaPod & { metadata: { annotations?: Record<string, string> } } => ({ metadata: {}, spec: { containers: [{ name: 'web', resources }] } });

describe('applyLimitRangeDefaults', () => {
  it('fills missing requests and limits and records what it set, as upstream annotates', () => {
    const target = pod({ limits: { memory: '1Gi' } });
    applyLimitRangeDefaults(limitRange({ default: { cpu: '500m', memory: '512Mi' }, defaultRequest: { cpu: '250m', memory: '256Mi' } }), target);
    expect(target.spec!.containers![0].resources).toEqual({ limits: { memory: '1Gi', cpu: '500m' }, requests: { cpu: '250m', memory: '256Mi' } });
    expect(target.metadata.annotations).toEqual({ 'kubernetes.io/limit-ranger': 'LimitRanger plugin set: cpu, memory request for container web; cpu limit for container web' });
  });
});

describe('podLimitRangeErrors', () => {
  it('refuses a container over max with upstream message', () => {
    expect(podLimitRangeErrors(limitRange({ max: { cpu: '1' } }), pod({ limits: { cpu: '2' } }))).toEqual(['maximum cpu usage per Container is 1, but limit is 2']);
    expect(podLimitRangeErrors(limitRange({ max: { cpu: '1' } }), pod())).toEqual(['maximum cpu usage per Container is 1.  No limit is specified']);
  });

  it('refuses under min and over the limit to request ratio', () => {
    expect(podLimitRangeErrors(limitRange({ min: { memory: '64Mi' } }), pod({ requests: { memory: '32Mi' } }))).toEqual(['minimum memory usage per Container is 64Mi, but request is 32Mi']);
    expect(podLimitRangeErrors(limitRange({ maxLimitRequestRatio: { cpu: '2' } }), pod({ requests: { cpu: '100m' }, limits: { cpu: '300m' } }))).toEqual([
      'cpu max limit to request ratio per Container is 2, but provided ratio is 3.000000',
    ]);
  });

  it('holds a Pod item to the sum of the containers', () => {
    const range: LimitRangeObject = { spec: { limits: [{ type: 'Pod', max: { cpu: '1' } }] } };
    const two: QuotaPod = { spec: { containers: [{ name: 'a', resources: { limits: { cpu: '600m' } } }, { name: 'b', resources: { limits: { cpu: '600m' } } }] } };
    expect(podLimitRangeErrors(range, two)).toEqual(['maximum cpu usage per Pod is 1, but limit is 1200m']);
  });

  it('admits a pod inside every bound', () => {
    expect(podLimitRangeErrors(limitRange({ max: { cpu: '1' }, min: { cpu: '100m' } }), pod({ requests: { cpu: '500m' }, limits: { cpu: '1' } }))).toEqual([]);
  });
});

describe('claimLimitRangeErrors', () => {
  it('holds claims to min and max by their request', () => {
    const range: LimitRangeObject = { spec: { limits: [{ type: 'PersistentVolumeClaim', max: { storage: '2Gi' } }] } };
    expect(claimLimitRangeErrors(range, { spec: { resources: { requests: { storage: '5Gi' } } } })).toEqual(['maximum storage usage per PersistentVolumeClaim is 2Gi, but request is 5Gi']);
  });
});

describe('aggregateMessage', () => {
  it('brackets several distinct messages, as utilerrors.NewAggregate', () => {
    expect(aggregateMessage(['a'])).toBe('a');
    expect(aggregateMessage(['a', 'b', 'a'])).toBe('[a, b]');
  });
});
