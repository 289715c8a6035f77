/* eslint-disable @typescript-eslint/no-explicit-any -- tests read deep into JSON objects */
import { KubeObject, ManagedFieldsEntry, StatusError } from '@drydock/util';
import { fakeNavigator } from '../testing/fake-navigator';
import { recordUpdate, RecordUpdateRequest } from './record-update';
import { applyServerSide } from './server-side-apply';

const at = (time: string) => new Date(`2026-11-22T${time}Z`);
const common = { modelName: 'io.k8s.api.apps.v1.Deployment', navigator: fakeNavigator, apiVersion: 'apps/v1' };

function config(overrides: { replicas?: number; image?: string; containers?: string[] } = {}): Record<string, any> {
  const spec: Record<string, unknown> = {
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: (overrides.containers ?? ['nginx']).map((name) => ({ name, image: overrides.image ?? 'nginx:1.25', ports: [{ containerPort: 80 }] })) },
    },
  };
  if (overrides.replicas !== undefined) spec.replicas = overrides.replicas;
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { app: 'web' } }, spec };
}

function apply(live: KubeObject | null, applied: Record<string, unknown>, manager = 'kubectl', force = false, time = '02:00:00') {
  const result = applyServerSide({ ...common, live, applied, manager, force, now: at(time) });
  return result as { object: any; managedFields: typeof result.managedFields };
}

/** recordUpdate's entries stored on a copy of the written object, as the API layer does. */
function recorded(request: Omit<RecordUpdateRequest, 'modelName' | 'navigator' | 'apiVersion'>): { object: any; managedFields: ManagedFieldsEntry[] } {
  const managedFields = recordUpdate({ ...common, ...request });
  const metadata = { ...request.updated.metadata, managedFields: managedFields.length > 0 ? managedFields : undefined };
  return { object: { ...request.updated, metadata: JSON.parse(JSON.stringify(metadata)) }, managedFields };
}

function thrown(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (error) {
    return error as StatusError;
  }
  throw new Error('expected an error');
}

const nginxItem = 'k:{"name":"nginx"}';
const nginxFields = { '.': {}, 'f:image': {}, 'f:name': {}, 'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } } };

describe('applyServerSide', () => {
  it('creates the object and records the applier’s fields in upstream’s FieldsV1 format', () => {
    const { object, managedFields } = apply(null, config({ replicas: 2 }));
    expect(object.spec).toEqual(config({ replicas: 2 }).spec);
    expect(managedFields).toEqual([{
      manager: 'kubectl', operation: 'Apply', apiVersion: 'apps/v1', time: '2026-11-22T02:00:00Z', fieldsType: 'FieldsV1',
      fieldsV1: {
        'f:metadata': { 'f:labels': { 'f:app': {} } },
        'f:spec': { 'f:replicas': {}, 'f:selector': {}, 'f:template': { 'f:metadata': { 'f:labels': { 'f:app': {} } }, 'f:spec': { 'f:containers': { [nginxItem]: nginxFields } } } },
      },
    }]);
    expect(object.metadata.managedFields).toEqual(managedFields);
  });

  it('removes a field the manager applied before and no longer applies', () => {
    const first = apply(null, config({ replicas: 2 })).object;
    const { object, managedFields } = apply(first, config({}), 'kubectl', false, '02:05:00');
    expect(object.spec).not.toHaveProperty('replicas');
    expect(managedFields[0].fieldsV1?.['f:spec']).not.toHaveProperty('f:replicas');
    expect(managedFields[0].time).toBe('2026-11-22T02:05:00Z');
  });

  it('removes a list item the manager no longer applies', () => {
    const first = apply(null, config({ containers: ['nginx', 'sidecar'] })).object;
    const { object } = apply(first, config({ containers: ['nginx'] }));
    expect(object.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(['nginx']);
  });

  it('merges applied list items into the live order as structured-merge-diff does', () => {
    const first = apply(null, config({ containers: ['a', 'b', 'c'] })).object;
    const second = apply(first, config({ containers: ['c', 'd'] }), 'helm').object;
    expect(second.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(['a', 'b', 'c', 'd']);
    const third = apply(second, config({ containers: ['d', 'c'] }), 'helm').object;
    expect(third.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(['a', 'b', 'd', 'c']);
  });

  it('keeps a field the manager stops applying while another manager owns it', () => {
    const first = apply(null, config({ replicas: 2 })).object;
    const shared = apply(first, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 2 } }, 'helm').object;
    const { object, managedFields } = apply(shared, config({}));
    expect(object.spec.replicas).toBe(2);
    expect(managedFields.find((m) => m.manager === 'helm')?.fieldsV1).toEqual({ 'f:spec': { 'f:replicas': {} } });
  });

  it('answers 409 with upstream’s message when the apply changes a field another manager owns', () => {
    const created = recorded({ old: null, updated: config({ replicas: 2 }) as KubeObject, manager: 'kubectl-client-side-apply', now: at('01:00:00') }).object;
    const error = thrown(() => apply(created, config({ replicas: 3 })));
    expect(error).toBeInstanceOf(StatusError);
    expect(error.toStatus()).toMatchObject({
      code: 409, reason: 'Conflict',
      message: 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
      details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' }] },
    });
  });

  it('lists several conflicts grouped by manager', () => {
    const created = recorded({ old: null, updated: config({ replicas: 2 }) as KubeObject, manager: 'kubectl-client-side-apply', now: at('01:00:00') }).object;
    const error = thrown(() => apply(created, config({ replicas: 3, image: 'nginx:1.27' })));
    expect(error.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image',
    );
  });

  it('shares ownership without conflict when the applied value is the same', () => {
    const created = recorded({ old: null, updated: config({ replicas: 2 }) as KubeObject, manager: 'kubectl-client-side-apply', now: at('01:00:00') }).object;
    const { managedFields } = apply(created, config({ replicas: 2 }));
    expect(managedFields.map((m) => m.manager)).toEqual(['kubectl', 'kubectl-client-side-apply']);
    expect((managedFields[1].fieldsV1 as any)['f:spec']).toHaveProperty('f:replicas');
  });

  it('moves ownership of conflicting fields to the applier when forced', () => {
    const created = recorded({ old: null, updated: config({ replicas: 2 }) as KubeObject, manager: 'kubectl-client-side-apply', now: at('01:00:00') }).object;
    const { object, managedFields } = apply(created, config({ replicas: 3 }), 'kubectl', true);
    expect(object.spec.replicas).toBe(3);
    const csa = managedFields.find((m) => m.manager === 'kubectl-client-side-apply');
    expect((csa?.fieldsV1 as any)['f:spec']).not.toHaveProperty('f:replicas');
    expect((managedFields[0].fieldsV1 as any)['f:spec']).toHaveProperty('f:replicas');
  });

  it('treats an object without managedFields as owned by before-first-apply', () => {
    const live = { ...config({ replicas: 1 }), metadata: { name: 'web', uid: 'u1' } } as KubeObject;
    expect(thrown(() => apply(live, config({ replicas: 3 }))).message).toBe('Apply failed with 1 conflict: conflict with "before-first-apply" using apps/v1: .spec.replicas');
  });

  it('records the fields it did not take under before-first-apply when forced', () => {
    const live = { ...config({ replicas: 1 }), metadata: { name: 'web', uid: 'u1', labels: { app: 'web', team: 'a' } } } as KubeObject;
    const { managedFields } = apply(live, config({ replicas: 3 }), 'kubectl', true);
    const before = managedFields.find((m) => m.manager === 'before-first-apply');
    expect(before).toMatchObject({ operation: 'Update', apiVersion: 'apps/v1', time: '2026-11-22T02:00:00Z' });
    expect((before?.fieldsV1 as any)['f:metadata']).toEqual({ 'f:labels': { '.': {}, 'f:app': {}, 'f:team': {} } });
    expect((before?.fieldsV1 as any)['f:spec']).not.toHaveProperty('f:replicas');
  });

  it('keeps the entry’s time when a re-apply changes nothing', () => {
    const first = apply(null, config({ replicas: 2 })).object;
    expect(apply(first, config({ replicas: 2 }), 'kubectl', false, '03:00:00').managedFields[0].time).toBe('2026-11-22T02:00:00Z');
  });

  it('gives no time to a manager whose apply changes nothing, as upstream', () => {
    const first = apply(null, config({ replicas: 2 })).object;
    const { managedFields } = apply(first, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 2 } }, 'helm', false, '03:00:00');
    expect(managedFields.find((m) => m.manager === 'helm')).not.toHaveProperty('time');
  });

  it('does not record fields reset by the endpoint, such as status on the main resource', () => {
    const applied = { ...config({}), status: { replicas: 5 } };
    const { managedFields } = applyServerSide({ ...common, resetFields: ['status'], live: null, applied, manager: 'kubectl', force: false, now: at('02:00:00') });
    expect(managedFields[0].fieldsV1).not.toHaveProperty('f:status');
  });

  it('rejects managedFields in the applied configuration and a wrong apiVersion with 400', () => {
    const withManaged = { ...config({}), metadata: { name: 'web', managedFields: [] } };
    expect(thrown(() => apply(null, withManaged))).toMatchObject({ code: 400, message: 'metadata.managedFields must be nil' });
    expect(thrown(() => apply(null, { ...config({}), apiVersion: 'apps/v1beta1' }))).toMatchObject({
      code: 400, message: 'Incorrect version specified in apply patch. Specified patch version: apps/v1beta1, expected: apps/v1',
    });
  });

  it('rejects an applied list item without its key with 422 naming the object and the list', () => {
    const applied = config({});
    applied.spec.template.spec.containers = [{ image: 'nginx' }];
    expect(thrown(() => apply(null, applied)).toStatus()).toMatchObject({
      code: 422,
      message: 'failed to create typed patch object (/web; apps/v1, Kind=Deployment): .spec.template.spec.containers: element 0: associative list with keys has an element that omits key field "name" (and doesn\'t have default value)',
    });
  });

  it('rejects duplicate keys in an applied list with 422', () => {
    const applied = config({ containers: ['nginx', 'nginx'] });
    expect(thrown(() => apply(null, applied)).message).toBe(
      'failed to create typed patch object (/web; apps/v1, Kind=Deployment): .spec.template.spec.containers: duplicate entries for key [name="nginx"]',
    );
  });

  it('never modifies its inputs', () => {
    const live = apply(null, config({ replicas: 2 })).object;
    const applied = config({ replicas: 4 });
    const before = [JSON.stringify(live), JSON.stringify(applied)];
    apply(live, applied);
    expect([JSON.stringify(live), JSON.stringify(applied)]).toEqual(before);
  });
});

describe('applyServerSide after client-side apply', () => {
  const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';
  function clientSideApplied(replicas: number): any {
    const object = config({ replicas });
    object.metadata.annotations = { [lastApplied]: `${JSON.stringify(config({ replicas }))}\n` };
    return recorded({ old: null, updated: object as KubeObject, manager: 'kubectl-client-side-apply', now: at('01:00:00') }).object;
  }

  it('lets kubectl take over fields whose live values still match the last-applied annotation, and rewrites it', () => {
    const { object, managedFields } = apply(clientSideApplied(2), config({ replicas: 3 }));
    expect(object.spec.replicas).toBe(3);
    expect((managedFields[0].fieldsV1 as any)['f:spec']).toHaveProperty('f:replicas');
    expect(JSON.parse(object.metadata.annotations[lastApplied]).spec.replicas).toBe(3);
    expect(object.metadata.annotations[lastApplied].endsWith('\n')).toBe(true);
  });

  it('still reports a conflict when the live value no longer matches the last-applied annotation', () => {
    const live = clientSideApplied(2);
    const scaled = { ...live, spec: { ...live.spec, replicas: 5 } };
    const autoscaled = recorded({ old: live, updated: scaled, manager: 'kube-controller-manager', now: at('01:30:00') }).object;
    expect(thrown(() => apply(autoscaled, config({ replicas: 3 }))).message).toBe(
      'Apply failed with 1 conflict: conflict with "kube-controller-manager" using apps/v1: .spec.replicas',
    );
  });

  it('gives the last-applied allowance to kubectl only', () => {
    expect(thrown(() => apply(clientSideApplied(2), config({ replicas: 3 }), 'helm')).toStatus().code).toBe(409);
  });
});

describe('recordUpdate', () => {
  it('records a create as an Update entry owning every field it set', () => {
    const { managedFields } = recorded({ old: null, updated: config({ replicas: 2 }) as KubeObject, manager: 'kubectl-create', now: at('01:00:00') });
    expect(managedFields).toEqual([{
      manager: 'kubectl-create', operation: 'Update', apiVersion: 'apps/v1', time: '2026-11-22T01:00:00Z', fieldsType: 'FieldsV1',
      fieldsV1: {
        'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
        'f:spec': {
          'f:replicas': {}, 'f:selector': {},
          'f:template': { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } }, 'f:spec': { 'f:containers': { '.': {}, [nginxItem]: { ...nginxFields, 'f:ports': { '.': {}, ...nginxFields['f:ports'] } } } } },
        },
      },
    }]);
  });

  it('gives a changed field to the writer and takes it from its previous owner', () => {
    const applied = applyServerSide({ ...common, live: null, applied: config({ replicas: 2 }), manager: 'helm', force: false, now: at('01:00:00') }).object;
    const scaled = { ...applied, spec: { ...applied.spec as object, replicas: 5 } } as KubeObject;
    const { managedFields } = recorded({ old: applied, updated: scaled, manager: 'kubectl-scale', now: at('01:30:00') });
    expect(managedFields.map((m) => [m.manager, m.operation])).toEqual([['helm', 'Apply'], ['kubectl-scale', 'Update']]);
    expect((managedFields[0].fieldsV1 as any)['f:spec']).not.toHaveProperty('f:replicas');
    expect(managedFields[1].fieldsV1).toEqual({ 'f:spec': { 'f:replicas': {} } });
  });

  it('leaves managedFields untouched by a write that changes nothing', () => {
    const created = recorded({ old: null, updated: config({}) as KubeObject, manager: 'a', now: at('01:00:00') }).object;
    const again = recorded({ old: created, updated: created, manager: 'b', now: at('02:00:00') });
    expect(again.managedFields).toEqual(created.metadata.managedFields);
  });

  it('moves only the time of a manager that writes again the fields it owns, keeping its stored fieldsV1 (a Lease renewal)', () => {
    const created = recorded({ old: null, updated: config({ replicas: 2 }) as KubeObject, manager: 'kubelet', now: at('01:00:00') }).object;
    const renewed = recorded({ old: created, updated: { ...created, spec: { ...created.spec, replicas: 3 } } as KubeObject, manager: 'kubelet', now: at('01:00:10') });
    expect(renewed.managedFields).toEqual([{ ...created.metadata.managedFields[0], time: '2026-11-22T01:00:10Z' }]);
    expect(renewed.managedFields[0].fieldsV1).toBe(created.metadata.managedFields[0].fieldsV1);
    // A write that gives the manager a field it did not own encodes its set afresh.
    const grown = recorded({ old: renewed.object, updated: { ...renewed.object, spec: { ...renewed.object.spec, paused: true } } as KubeObject, manager: 'kubelet', now: at('01:00:20') });
    expect(grown.managedFields[0].fieldsV1).not.toBe(created.metadata.managedFields[0].fieldsV1);
    expect((grown.managedFields[0].fieldsV1 as any)['f:spec']).toHaveProperty('f:paused');
    expect(grown.managedFields[0].time).toBe('2026-11-22T01:00:20Z');
  });

  it('clears managedFields when the client writes a single empty entry', () => {
    const created = recorded({ old: null, updated: config({}) as KubeObject, manager: 'a', now: at('01:00:00') }).object;
    const reset = { ...created, metadata: { ...created.metadata, managedFields: [{}] } } as KubeObject;
    const { object, managedFields } = recorded({ old: created, updated: reset, manager: 'b', now: at('02:00:00') });
    expect(managedFields).toEqual([]);
    expect(object.metadata).not.toHaveProperty('managedFields');
    expect(reset.metadata.managedFields).toEqual([{}]);
  });

  it('through /status owns only status and leaves the other managers\' stored entries as they were', () => {
    const created = recorded({ old: null, updated: config({ replicas: 2 }) as KubeObject, manager: 'kubectl-create', now: at('01:00:00'), resetFields: ['status'] }).object;
    const withStatus = { ...created, status: { replicas: 2, readyReplicas: 1 } } as KubeObject;
    // A spec changed through /status is not the writer's (upstream resets it there).
    const updated = { ...withStatus, spec: { ...withStatus.spec as object, replicas: 3 } } as KubeObject;
    const { managedFields } = recorded({ old: created, updated, manager: 'controller', now: at('02:00:00'), subresource: 'status', resetFields: ['spec', 'metadata'] });
    expect(managedFields.map((m) => [m.manager, m.subresource])).toEqual([['kubectl-create', undefined], ['controller', 'status']]);
    expect(managedFields[0]).toEqual(created.metadata.managedFields[0]);
    expect(managedFields[0].fieldsV1).toBe(created.metadata.managedFields[0].fieldsV1);
    expect(managedFields[1].fieldsV1).toEqual({ 'f:status': { '.': {}, 'f:readyReplicas': {}, 'f:replicas': {} } });
  });
});
