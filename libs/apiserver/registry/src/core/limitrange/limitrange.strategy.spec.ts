import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { limitRangeStrategy as strategy } from './limitrange.strategy';

function limitRange(limits: Record<string, unknown>[]): KubeObject {
  const object: KubeObject = { metadata: { name: 'limits', namespace: 'default' }, spec: { limits } };
  strategy.defaults?.(object);
  return object;
}

describe('limitRangeStrategy', () => {
  it('defaults container limits from max and requests from the default', () => {
    const object = limitRange([{ type: 'Container', max: { cpu: '2' }, min: { memory: '64Mi' } }]);
    expect((object.spec as { limits: unknown[] }).limits[0]).toEqual({
      type: 'Container',
      max: { cpu: '2' },
      min: { memory: '64Mi' },
      default: { cpu: '2' },
      defaultRequest: { cpu: '2', memory: '64Mi' },
    });
  });

  it('rejects a min above the max', () => {
    const errors = strategy.validate(limitRange([{ type: 'Pod', min: { cpu: '2' }, max: { cpu: '1' } }])).map(fieldErrorMessage);
    expect(errors).toEqual(['spec.limits[0].min[cpu]: Invalid value: "2": min value 2 is greater than max value 1']);
  });

  it('rejects an unknown unqualified type', () => {
    expect(strategy.validate(limitRange([{ type: 'Node' }])).map(fieldErrorMessage)).toEqual(['spec.limits[0].type: Invalid value: "Node": must be a standard limit type or fully qualified']);
  });
});
