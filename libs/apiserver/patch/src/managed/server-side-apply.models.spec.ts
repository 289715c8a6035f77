/* eslint-disable @typescript-eslint/no-explicit-any -- tests read deep into JSON objects */
import { KubeObject } from '@drydock/util';
import { openApiNavigator } from '../schema/openapi-navigator.adapter';
import { recordUpdate } from './record-update';
import { applyServerSide } from './server-side-apply';

/** Server-side apply over the real upstream models, as helm install and upgrade drive it. */
const common = { modelName: 'io.k8s.api.apps.v1.Deployment', navigator: openApiNavigator, apiVersion: 'apps/v1', resetFields: ['status'] };

function chart(version: 'v1' | 'v2'): Record<string, any> {
  const env = version === 'v1' ? [{ name: 'MODE', value: 'a' }, { name: 'DEBUG', value: '1' }] : [{ name: 'MODE', value: 'b' }];
  const labels: Record<string, string> = version === 'v1' ? { app: 'web', chart: 'web-1' } : { app: 'web' };
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: `nginx:${version === 'v1' ? '1.25' : '1.27'}`, env, resources: { limits: { cpu: '500m' } }, ports: [{ containerPort: 80, name: 'http' }] }] },
      },
    },
  };
}

describe('applyServerSide with the upstream models', () => {
  it('upgrades like helm: changed values applied, dropped env var and label removed, other managers’ fields kept', () => {
    const installed = applyServerSide({ ...common, live: null, applied: chart('v1'), manager: 'helm', force: false, now: new Date('2026-11-22T01:00:00Z') }).object;
    const revised = { ...installed, metadata: { ...installed.metadata, annotations: { 'deployment.kubernetes.io/revision': '1' } } } as KubeObject;
    revised.metadata.managedFields = recordUpdate({ ...common, old: installed, updated: revised, manager: 'kube-controller-manager', now: new Date('2026-11-22T01:00:01Z') });
    const { object, managedFields } = applyServerSide({ ...common, live: revised, applied: chart('v2'), manager: 'helm', force: false, now: new Date('2026-11-22T02:00:00Z') });
    const result = object as any;
    expect(result.metadata.labels).toEqual({ app: 'web' });
    expect(result.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
    expect(result.spec.template.spec.containers[0]).toEqual(chart('v2').spec.template.spec.containers[0]);
    expect(managedFields.map((m) => `${m.manager}/${m.operation}`)).toEqual(['helm/Apply', 'kube-controller-manager/Update']);
    expect(managedFields[1].fieldsV1).toEqual({ 'f:metadata': { 'f:annotations': { '.': {}, 'f:deployment.kubernetes.io/revision': {} } } });
    const container = (managedFields[0].fieldsV1 as any)['f:spec']['f:template']['f:spec']['f:containers']['k:{"name":"web"}'];
    expect(container['f:env']).toEqual({ 'k:{"name":"MODE"}': { '.': {}, 'f:name': {}, 'f:value': {} } });
    expect(container['f:resources']).toEqual({ 'f:limits': { 'f:cpu': {} } });
    expect((managedFields[0].fieldsV1 as any)['f:spec']['f:selector']).toEqual({});
  });

  it('finds the built-in model from apiVersion and kind when the caller names none', () => {
    const managedFields = recordUpdate({ old: null, updated: chart('v1') as KubeObject, manager: 'kubectl-create', now: new Date('2026-11-22T01:00:00Z'), apiVersion: 'apps/v1' });
    const spec = (managedFields[0].fieldsV1 as any)['f:spec'];
    expect(spec).not.toHaveProperty('.');
    expect(spec['f:selector']).toEqual({});
    expect(Object.keys(spec['f:template']['f:spec']['f:containers'])).toEqual(['.', 'k:{"name":"web"}']);
  });
});
