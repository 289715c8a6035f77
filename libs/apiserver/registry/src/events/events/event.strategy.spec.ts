import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { eventStrategy } from './event.strategy';

function event(fields: Record<string, unknown> = {}): KubeObject {
  return {
    metadata: { name: 'web.1', namespace: 'default', creationTimestamp: '2026-11-22T00:00:00Z' },
    eventTime: '2026-11-22T00:00:00.000000Z',
    reportingController: 'drydock.dev/deployment-controller',
    reportingInstance: 'controller-0',
    action: 'Scaling',
    reason: 'ScalingReplicaSet',
    type: 'Normal',
    note: 'Scaled up replica set web-5d4 to 3',
    regarding: { kind: 'Deployment', namespace: 'default', name: 'web', uid: 'u1' },
    ...fields,
  };
}

describe('events.k8s.io event strategy', () => {
  it('accepts a new-style event and prints it like core events', () => {
    expect(eventStrategy.validate(event())).toEqual([]);
    expect(eventStrategy.table!.row(event(), { now: new Date('2026-11-22T00:01:00Z') })).toEqual([
      '60s', 'Normal', 'ScalingReplicaSet', 'deployment/web', '', 'drydock.dev/deployment-controller, controller-0', 'Scaled up replica set web-5d4 to 3', '60s', 1, 'web.1',
    ]);
  });

  it('requires eventTime and a known type, and forbids the deprecated fields', () => {
    const messages = eventStrategy.validate(event({ eventTime: undefined, type: 'Info', deprecatedCount: 2 })).map(fieldErrorMessage);
    expect(messages).toEqual(['eventTime: Required value', 'type: Invalid value: "": has invalid value: Info', 'count: Invalid value: "": needs to be unset']);
  });

  it('selects by regarding object, reason and type', () => {
    expect(eventStrategy.selectableFields!(event())).toMatchObject({ 'involvedObject.kind': 'Deployment', 'involvedObject.name': 'web', reason: 'ScalingReplicaSet', type: 'Normal' });
  });
});
