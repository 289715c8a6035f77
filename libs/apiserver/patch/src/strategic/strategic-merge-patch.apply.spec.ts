/* eslint-disable @typescript-eslint/no-explicit-any -- tests read deep into JSON objects */
import { StatusError } from '@drydock/util';
import { fakeNavigator } from '../testing/fake-navigator';
import { applyStrategicMergePatch } from './strategic-merge-patch.apply';

const deploymentModel = 'io.k8s.api.apps.v1.Deployment';

function deployment(): Record<string, any> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"old":true}', team: 'a' } },
    spec: {
      replicas: 2,
      paused: true,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            { name: 'app', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] },
            { name: 'sidecar', image: 'envoy:1' },
          ],
          tolerations: [{ key: 'a', operator: 'Exists' }],
          volumes: [{ name: 'data', emptyDir: { medium: 'Memory' } }],
        },
      },
    },
  };
}

const smp = (original: object, patch: unknown, model: string | undefined = deploymentModel) => applyStrategicMergePatch(original, patch, model, fakeNavigator) as Record<string, any>;
const podSpec = (result: Record<string, any>) => result.spec.template.spec;

function thrown(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (error) {
    return error as StatusError;
  }
  throw new Error('expected an error');
}

describe('applyStrategicMergePatch', () => {
  it('applies kubectl apply’s three-way patch: image change by container name, order from $setElementOrder, defaults kept', () => {
    const patch = {
      metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"new":true}' } },
      spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'app' }, { name: 'sidecar' }], containers: [{ image: 'nginx:1.27', name: 'app' }] } } },
    };
    const result = smp(deployment(), patch);
    expect(podSpec(result).containers).toEqual([
      { name: 'app', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] },
      { name: 'sidecar', image: 'envoy:1' },
    ]);
    expect(result.metadata.annotations).toEqual({ 'kubectl.kubernetes.io/last-applied-configuration': '{"new":true}', team: 'a' });
    expect(JSON.stringify(result)).not.toContain('$setElementOrder');
  });

  it('reorders a merge list by $setElementOrder alone', () => {
    const result = smp(deployment(), { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'app' }] } } } });
    expect(podSpec(result).containers.map((c: { name: string }) => c.name)).toEqual(['sidecar', 'app']);
  });

  it('deletes a field set to null, as uncordon sends for spec.unschedulable', () => {
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: { unschedulable: true, taints: [{ key: 'k', effect: 'NoSchedule' }] } };
    expect(smp(node, '{"spec":{"unschedulable":null}}', 'io.k8s.api.core.v1.Node').spec).toEqual({ taints: [{ key: 'k', effect: 'NoSchedule' }] });
  });

  it('resumes a rollout by deleting spec.paused with null', () => {
    const result = smp(deployment(), { spec: { paused: null } });
    expect(result.spec).not.toHaveProperty('paused');
    expect(result.spec.replicas).toBe(2);
  });

  it('adds rollout restart’s annotation to the pod template without touching the rest', () => {
    const result = smp(deployment(), { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-22T02:00:00Z' } } } } });
    expect(result.spec.template.metadata).toEqual({ labels: { app: 'web' }, annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-22T02:00:00Z' } });
    expect(podSpec(result).containers).toHaveLength(2);
  });

  it('removes a container named by a $patch: delete item', () => {
    const result = smp(deployment(), { spec: { template: { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } } } });
    expect(podSpec(result).containers.map((c: { name: string }) => c.name)).toEqual(['app']);
  });

  it('clears rollingUpdate when $retainKeys switches the strategy to Recreate', () => {
    const result = smp(deployment(), { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } });
    expect(result.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('keeps rollingUpdate when the strategy patch carries no $retainKeys', () => {
    const result = smp(deployment(), { spec: { strategy: { type: 'Recreate' } } });
    expect(result.spec.strategy).toEqual({ type: 'Recreate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
  });

  it('switches a volume source with $retainKeys inside the merged volume item', () => {
    const patch = { spec: { template: { spec: { volumes: [{ name: 'data', $retainKeys: ['configMap', 'name'], configMap: { name: 'cfg' } }] } } } };
    expect(podSpec(smp(deployment(), patch)).volumes).toEqual([{ name: 'data', configMap: { name: 'cfg' } }]);
  });

  it('merges env by name: changes one, adds one, keeps the others in place', () => {
    const patch = { spec: { template: { spec: { containers: [{ name: 'app', env: [{ name: 'B', value: '3' }, { name: 'C', value: '4' }] }] } } } };
    expect(podSpec(smp(deployment(), patch)).containers[0].env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '3' }, { name: 'C', value: '4' }]);
  });

  it('merges Service ports by port', () => {
    const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, targetPort: 8080, name: 'http' }, { port: 443, name: 'https' }] } };
    const result = smp(service, { spec: { ports: [{ port: 80, targetPort: 9090 }] } }, 'io.k8s.api.core.v1.Service');
    expect(result.spec.ports).toEqual([{ port: 80, targetPort: 9090, name: 'http' }, { port: 443, name: 'https' }]);
  });

  it('replaces tolerations, which have no merge key', () => {
    const result = smp(deployment(), { spec: { template: { spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } } } });
    expect(podSpec(result).tolerations).toEqual([{ key: 'b', operator: 'Exists' }]);
  });

  it('replaces a merge list wholesale with a $patch: replace item', () => {
    const patch = { spec: { template: { spec: { containers: [{ name: 'only', image: 'x' }, { $patch: 'replace' }] } } } };
    expect(podSpec(smp(deployment(), patch)).containers).toEqual([{ name: 'only', image: 'x' }]);
  });

  it('replaces a whole map with $patch: replace', () => {
    const result = smp(deployment(), { metadata: { annotations: { $patch: 'replace', only: 'this' } } });
    expect(result.metadata.annotations).toEqual({ only: 'this' });
  });

  it('removes finalizers listed in $deleteFromPrimitiveList and puts added ones first, as upstream orders unknown items', () => {
    const object = { ...deployment(), metadata: { name: 'web', finalizers: ['a', 'b', 'c'] } };
    const result = smp(object, { metadata: { '$deleteFromPrimitiveList/finalizers': ['b'], finalizers: ['d'] } });
    expect(result.metadata.finalizers).toEqual(['d', 'a', 'c']);
  });

  it('replaces lists and merges maps when the type is unknown (no model)', () => {
    const custom = { apiVersion: 'x/v1', kind: 'Thing', metadata: { name: 't' }, spec: { items: [{ name: 'a' }], map: { a: 1 } } };
    const result = smp(custom, { spec: { items: [{ name: 'b' }], map: { b: 2 } } }, undefined);
    expect(result.spec).toEqual({ items: [{ name: 'b' }], map: { a: 1, b: 2 } });
  });

  it('strips directives and nulls from values the original did not have', () => {
    const object = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } };
    const patch = { spec: { replicas: null, template: { spec: { '$setElementOrder/containers': [{ name: 'a' }], containers: [{ name: 'a', image: 'x' }] } } } };
    expect(smp(object, patch).spec).toEqual({ template: { spec: { containers: [{ name: 'a', image: 'x' }] } } });
  });

  it('never modifies its inputs', () => {
    const original = deployment();
    const patch = { spec: { template: { spec: { containers: [{ name: 'app', image: 'new' }] } } } };
    const before = [JSON.stringify(original), JSON.stringify(patch)];
    smp(original, patch);
    expect([JSON.stringify(original), JSON.stringify(patch)]).toEqual(before);
  });

  it('rejects a merge-list item without its merge key with 400 and upstream’s message', () => {
    const error = thrown(() => smp(deployment(), { spec: { template: { spec: { containers: [{ image: 'x' }] } } } }));
    expect(error).toMatchObject({ code: 400, reason: 'BadRequest', message: 'map: map[image:x] does not contain declared merge key: name' });
  });

  it('rejects a patch key missing from $retainKeys with 400', () => {
    const error = thrown(() => smp(deployment(), { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: {} } } }));
    expect(error).toMatchObject({ code: 400, message: 'invalid patch format of retainKeys' });
  });

  it('rejects an unknown $patch directive on a map with 400', () => {
    expect(thrown(() => smp(deployment(), { spec: { $patch: 'explode' } }))).toMatchObject({ code: 400, message: 'unknown patch type: explode in map: map[$patch:explode]' });
  });

  it('rejects a body that is not a JSON object with 400', () => {
    expect(thrown(() => smp(deployment(), '[1]'))).toMatchObject({ code: 400, message: 'json: cannot unmarshal array into Go value of type map[string]interface {}' });
    expect(thrown(() => smp(deployment(), '{bad'))).toMatchObject({ code: 400, reason: 'BadRequest' });
  });

  it('rejects lists of lists with 422', () => {
    const object = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', finalizers: [['a']] } };
    expect(thrown(() => smp(object, { metadata: { finalizers: [['b']] } }))).toMatchObject({ code: 422, reason: 'Invalid' });
  });
});
