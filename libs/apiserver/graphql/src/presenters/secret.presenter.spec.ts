import type { KubeObject } from '@drydock/util';
import { HIDDEN_VALUE, withoutSecretValues } from './secret.presenter';

describe('a Secret without its values', () => {
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'keys', namespace: 'a', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"stringData":{"token":"s3cret"}}', team: 'blue' } },
    type: 'Opaque',
    data: { token: 'czNjcmV0', 'ca.crt': 'LS0t' },
  } as unknown as KubeObject;

  it('keeps the keys, the type and the other annotations, and hides every value and kubectl apply\'s copy of them', () => {
    const hidden = withoutSecretValues(secret) as KubeObject & { data: Record<string, string>; type: string };
    expect(hidden.data).toEqual({ token: HIDDEN_VALUE, 'ca.crt': HIDDEN_VALUE });
    expect(hidden.type).toBe('Opaque');
    expect(hidden.metadata.annotations).toEqual({ 'kubectl.kubernetes.io/last-applied-configuration': HIDDEN_VALUE, team: 'blue' });
    expect(JSON.stringify(hidden)).not.toMatch(/czNjcmV0|s3cret|LS0t/);
  });

  it('leaves the object it was given as it was (it may be the watch cache\'s), and any other kind untouched', () => {
    const before = JSON.stringify(secret);
    withoutSecretValues(secret);
    expect(JSON.stringify(secret)).toBe(before);
    const map = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'm' }, data: { a: 'b' } } as unknown as KubeObject;
    expect(withoutSecretValues(map)).toBe(map);
    expect(withoutSecretValues({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'empty' } } as KubeObject)).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'empty' } });
  });
});
