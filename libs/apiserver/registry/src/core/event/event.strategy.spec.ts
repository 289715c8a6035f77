import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { eventStrategy as strategy } from './event.strategy';

const ctx = { now: new Date('2026-11-22T12:00:00Z') };
const event: KubeObject = {
  metadata: { name: 'web.1', namespace: 'default' },
  involvedObject: { kind: 'Pod', name: 'web', namespace: 'default', uid: 'u1', fieldPath: 'spec.containers{web}' },
  reason: 'Pulled',
  message: 'Successfully pulled image\n',
  type: 'Normal',
  source: { component: 'kubelet', host: 'node-1' },
  firstTimestamp: '2026-11-22T11:50:00Z',
  lastTimestamp: '2026-11-22T11:59:00Z',
  count: 3,
};

describe('eventStrategy', () => {
  it('prints the upstream event row, wide cells included', () => {
    expect(strategy.table?.row(event, ctx)).toEqual(['60s', 'Normal', 'Pulled', 'pod/web', 'spec.containers{web}', 'kubelet, node-1', 'Successfully pulled image', '10m', 3, 'web.1']);
  });

  it('puts the event name last, as a wide column', () => {
    const columns = strategy.table?.columns ?? [];
    expect(columns.map((c) => [c.name, c.priority])).toEqual([
      ['Last Seen', 0], ['Type', 0], ['Reason', 0], ['Object', 0], ['Subobject', 1], ['Source', 1], ['Message', 0], ['First Seen', 1], ['Count', 1], ['Name', 1],
    ]);
  });

  it('exposes the involvedObject field selectors kubectl describe uses', () => {
    expect(strategy.selectableFields?.(event)).toMatchObject({ 'involvedObject.kind': 'Pod', 'involvedObject.name': 'web', 'involvedObject.uid': 'u1', source: 'kubelet', type: 'Normal' });
  });

  it('rejects an event whose involved object lives in another namespace', () => {
    const other = { ...event, involvedObject: { ...(event.involvedObject as object), namespace: 'kube-system' } };
    expect(strategy.validate(other).map(fieldErrorMessage)).toEqual(['involvedObject.namespace: Invalid value: "kube-system": does not match event.namespace']);
  });
});
