import { ApiError, isAlreadyExists, isConflict, isNotFound, resources } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import { useDrydock } from '../support/use-drydock';

const configMap = (name: string, data: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });

describe('KubeClient against a real Drydock', () => {
  const drydock = useDrydock({ name: 'client' });
  const client = () => drydock().client();

  beforeAll(async () => {
    await client().create(resources.namespaces, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'crud' } });
  });

  it('creates, gets, updates, patches and deletes a ConfigMap', async () => {
    const created = await client().create(resources.configmaps, 'crud', configMap('settings', { a: '1' }));
    expect(created.metadata).toEqual(expect.objectContaining({ name: 'settings', namespace: 'crud', uid: expect.any(String), resourceVersion: expect.any(String) }));

    const fetched = await client().get(resources.configmaps, 'crud', 'settings');
    expect(fetched?.data).toEqual({ a: '1' });

    const updated = await client().update(resources.configmaps, { ...fetched!, data: { a: '2' } });
    expect(updated.data).toEqual({ a: '2' });

    const merged = await client().patch(resources.configmaps, 'crud', 'settings', { data: { b: '3' } }, 'merge');
    expect(merged.data).toEqual({ a: '2', b: '3' });
    const strategic = await client().patch(resources.configmaps, 'crud', 'settings', { metadata: { labels: { tier: 'x' } } }, 'strategic');
    expect(strategic.metadata.labels).toEqual({ tier: 'x' });
    const jsonPatched = await client().patch(resources.configmaps, 'crud', 'settings', [{ op: 'remove', path: '/data/a' }], 'json');
    expect(jsonPatched.data).toEqual({ b: '3' });

    expect(await client().delete(resources.configmaps, 'crud', 'settings')).not.toBeNull();
    expect(await client().get(resources.configmaps, 'crud', 'settings')).toBeNull();
    expect(await client().delete(resources.configmaps, 'crud', 'settings')).toBeNull();
  });

  it('applies server-side with the user agent as the field manager', async () => {
    const applied = await client().patch(resources.configmaps, 'crud', 'applied', configMap('applied', { k: 'v' }), 'apply', { force: true });
    expect(applied.data).toEqual({ k: 'v' });
    expect(applied.metadata.managedFields).toEqual(expect.arrayContaining([expect.objectContaining({ manager: 'client-e2e', operation: 'Apply' })]));
  });

  it('lists in pages of `limit` with a continue token and one resourceVersion', async () => {
    for (let i = 0; i < 5; i++) await client().create(resources.configmaps, 'crud', { ...configMap(`page-${i}`, {}), metadata: { name: `page-${i}`, labels: { paged: 'yes' } } });
    const first = await client().list(resources.configmaps, { namespace: 'crud', limit: 3, labelSelector: 'paged=yes' });
    expect(first.items).toHaveLength(3);
    expect(first.continue).toEqual(expect.any(String));
    const second = await client().list(resources.configmaps, { namespace: 'crud', limit: 3, labelSelector: 'paged=yes', continue: first.continue });
    const names = [...first.items, ...second.items].map((item) => item.metadata.name);
    expect(names.sort()).toEqual(['page-0', 'page-1', 'page-2', 'page-3', 'page-4']);
    expect(second.continue).toBeUndefined();
    expect(Number(second.resourceVersion)).toBeGreaterThan(0);
  });

  it('throws ApiError with the Status code and reason: 409 AlreadyExists, 409 Conflict, 404 NotFound, 422 Invalid', async () => {
    const original = await client().create(resources.configmaps, 'crud', configMap('errors', { a: '1' }));
    const alreadyExists = await client().create(resources.configmaps, 'crud', configMap('errors', {})).catch((e) => e);
    expect(alreadyExists).toBeInstanceOf(ApiError);
    expect(alreadyExists).toMatchObject({ code: 409, reason: 'AlreadyExists' });
    expect(isAlreadyExists(alreadyExists)).toBe(true);

    await client().update(resources.configmaps, { ...original, data: { a: '2' } });
    const conflict = await client().update(resources.configmaps, { ...original, data: { a: '3' } }).catch((e) => e);
    expect(conflict).toMatchObject({ code: 409, reason: 'Conflict' });
    expect(isConflict(conflict)).toBe(true);
    expect(conflict.status).toMatchObject({ kind: 'Status', code: 409 });

    const notFound = await client().patch(resources.configmaps, 'crud', 'missing', { data: {} }, 'merge').catch((e) => e);
    expect(notFound).toMatchObject({ code: 404, reason: 'NotFound' });
    expect(isNotFound(notFound)).toBe(true);

    const invalid = await client().create(resources.configmaps, 'crud', configMap('Not_A_Name', {})).catch((e) => e);
    expect(invalid).toMatchObject({ code: 422, reason: 'Invalid' });
    expect(invalid.message).toContain('Not_A_Name');
  });

  it('watches ADDED, MODIFIED and DELETED from a resourceVersion', async () => {
    const start = await client().list(resources.configmaps, { namespace: 'crud' });
    const events: string[] = [];
    const handle = client().watch(resources.configmaps, { namespace: 'crud', resourceVersion: start.resourceVersion }, (event) => events.push(`${event.type} ${event.object.metadata.name}`));
    await client().create(resources.configmaps, 'crud', configMap('watched', {}));
    await client().patch(resources.configmaps, 'crud', 'watched', { data: { x: 'y' } }, 'merge');
    await client().delete(resources.configmaps, 'crud', 'watched');
    const deadline = Date.now() + 10_000;
    while (events.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    handle.close();
    await handle.done;
    expect(events).toEqual(['ADDED watched', 'MODIFIED watched', 'DELETED watched']);
  });
});
