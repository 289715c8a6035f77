import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { priorityClassStrategy } from './priorityclass.strategy';

function priorityClass(name: string, value: number): KubeObject {
  const object: KubeObject = { metadata: { name, creationTimestamp: '2026-11-22T00:00:00Z' }, value };
  priorityClassStrategy.defaults!(object);
  return object;
}

describe('priorityclass strategy', () => {
  it('caps user priorities and reserves the system- prefix', () => {
    expect(priorityClassStrategy.validate(priorityClass('huge', 2000000001)).map(fieldErrorMessage)).toEqual(['value: Forbidden: maximum allowed value of a user defined priority is 1000000000']);
    expect(priorityClassStrategy.validate(priorityClass('system-cluster-critical', 2000000000))).toEqual([]);
    expect(priorityClassStrategy.validate(priorityClass('system-mine', 10)).map(fieldErrorMessage)).toEqual([
      "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class",
    ]);
  });

  it('keeps value immutable and prints the preemption policy', () => {
    expect(priorityClassStrategy.validateUpdate!(priorityClass('high', 2), priorityClass('high', 1)).map(fieldErrorMessage)).toEqual(['value: Forbidden: may not be changed in an update.']);
    expect(priorityClassStrategy.table!.row(priorityClass('high', 1000), { now: new Date('2026-11-22T00:00:01Z') })).toEqual(['high', 1000, false, '1s', 'PreemptLowerPriority']);
  });
});
