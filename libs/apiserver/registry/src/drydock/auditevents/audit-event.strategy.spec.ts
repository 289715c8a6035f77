import type { KubeObject } from '@drydock/util';
import { supportedFieldLabels } from '../../meta/field-labels';
import { auditEventResource } from './audit-event.resource';
import { auditEventStrategy } from './audit-event.strategy';

const event = (overrides: Record<string, unknown> = {}): KubeObject =>
  ({
    metadata: { name: '0d4c7f7e-5d0b-4c41-9a55-4b1e1f1c2a3b', namespace: 'blue' },
    verb: 'patch',
    user: { username: 'drydock-admin', groups: ['system:masters'] },
    impersonatedUser: { username: 'alice', groups: ['system:authenticated'] },
    sourceIPs: ['10.0.0.7'],
    userAgent: 'kubectl/v1.35.0',
    objectRef: { resource: 'deployments', subresource: 'scale', apiGroup: 'apps', namespace: 'blue', name: 'web' },
    responseStatus: { metadata: {}, code: 200 },
    stageTimestamp: '2026-12-07T04:00:00.250000Z',
    latency: '3.1ms',
    ...overrides,
  }) as KubeObject;

describe('audit event strategy', () => {
  const now = { now: new Date('2026-12-07T04:00:30.250Z') };

  it('prints who did what to which object, the code and the latency; the audit ID, source and client with -o wide', () => {
    expect(auditEventStrategy.table!.row(event(), now)).toEqual(['30s', 'drydock-admin as alice', 'patch', 'deployments/scale.apps', 'web', 200, '3.1ms', '0d4c7f7e-5d0b-4c41-9a55-4b1e1f1c2a3b', '10.0.0.7', 'kubectl/v1.35.0']);
    expect(auditEventStrategy.table!.columns.filter((column) => column.priority === 0).map((column) => column.name)).toEqual(['Age', 'User', 'Verb', 'Resource', 'Object', 'Code', 'Latency']);
  });

  it('prints <none> for a non-resource request and a user agent the client did not send', () => {
    const row = auditEventStrategy.table!.row(event({ objectRef: undefined, impersonatedUser: undefined, userAgent: undefined, verb: 'get' }), now);
    expect(row.slice(1, 5)).toEqual(['drydock-admin', 'get', '<none>', '<none>']);
    expect(row[9]).toBe('<none>');
  });

  it('accepts field selectors on the requester, verb, object and response code, as upstream names the fields', () => {
    expect(supportedFieldLabels(auditEventResource)).toEqual([
      'metadata.name', 'metadata.namespace', 'user.username', 'impersonatedUser.username', 'verb', 'objectRef.apiGroup', 'objectRef.resource', 'objectRef.subresource', 'objectRef.name', 'responseStatus.code',
    ]);
    expect(auditEventStrategy.selectableFields!(event())).toMatchObject({ 'user.username': 'drydock-admin', 'objectRef.resource': 'deployments', 'responseStatus.code': '200' });
  });
});
