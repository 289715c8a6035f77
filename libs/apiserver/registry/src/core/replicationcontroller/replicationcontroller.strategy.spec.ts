import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { replicationControllerResource } from './replicationcontroller.resource';
import { replicationControllerStrategy as strategy } from './replicationcontroller.strategy';

const ctx = { now: new Date('2026-11-22T12:00:00Z') };

function rc(spec: Record<string, unknown>): KubeObject {
  const object: KubeObject = { metadata: { name: 'web', namespace: 'default' }, spec };
  strategy.defaults?.(object);
  strategy.prepareForCreate?.(object, ctx);
  return object;
}

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } };

describe('replicationControllerStrategy', () => {
  it('defaults replicas, selector and labels from the template', () => {
    const object = rc({ template });
    expect(object.spec).toMatchObject({ replicas: 1, selector: { app: 'web' } });
    expect(object.metadata.labels).toEqual({ app: 'web' });
    expect(strategy.validate(object)).toEqual([]);
  });

  it('rejects negative replicas', () => {
    expect(strategy.validate(rc({ replicas: -1, template })).map(fieldErrorMessage)).toEqual(['spec.replicas: Invalid value: -1: must be greater than or equal to 0']);
  });

  it('rejects a selector that does not match the template labels', () => {
    const errors = strategy.validate(rc({ selector: { app: 'db' }, template })).map(fieldErrorMessage);
    expect(errors).toEqual(['spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`']);
  });

  it('requires restartPolicy Always in the template', () => {
    const errors = strategy.validate(rc({ template: { ...template, spec: { ...template.spec, restartPolicy: 'Never' } } })).map(fieldErrorMessage);
    expect(errors).toEqual(['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"']);
  });

  it('requires a template', () => {
    expect(strategy.validate(rc({ selector: { app: 'web' } })).map(fieldErrorMessage)).toEqual(['spec.template: Required value']);
  });

  it('scales through spec.replicas with the map selector', () => {
    expect(replicationControllerResource.subresources?.scale).toEqual({ specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas', labelSelectorPath: 'spec.selector' });
  });

  it('prints desired, current and ready counts with wide cells', () => {
    const object = rc({ template });
    object.metadata.creationTimestamp = '2026-11-22T11:59:30Z';
    object.status = { replicas: 1, readyReplicas: 1 };
    expect(strategy.table?.row(object, ctx)).toEqual(['web', 1, 1, 1, '30s', 'web', 'nginx', 'app=web']);
  });
});
