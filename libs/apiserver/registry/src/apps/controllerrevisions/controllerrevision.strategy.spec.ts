import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { controllerRevisionStrategy } from './controllerrevision.strategy';

function revision(data: unknown = { spec: {} }): KubeObject {
  return {
    metadata: { name: 'db-7d9f', namespace: 'default', creationTimestamp: '2026-11-22T00:00:00Z', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'u', controller: true }] },
    data,
    revision: 2,
  };
}

describe('controllerrevision strategy', () => {
  it('prints the controller as kind.group/name and the revision', () => {
    expect(controllerRevisionStrategy.table!.row(revision(), { now: new Date('2026-11-22T00:00:07Z') })).toEqual(['db-7d9f', 'statefulset.apps/db', 2, '7s']);
  });

  it('requires data and keeps it immutable', () => {
    expect(controllerRevisionStrategy.validate(revision(null)).map(fieldErrorMessage)).toEqual(['data: Required value: data is mandatory']);
    expect(controllerRevisionStrategy.validateUpdate!(revision({ spec: { x: 1 } }), revision()).map((e) => e.field)).toEqual(['data']);
  });
});
