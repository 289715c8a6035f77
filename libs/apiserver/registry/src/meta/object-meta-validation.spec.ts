import { fieldErrorMessage } from '@drydock/util';
import { nameIsDns1035Label, nameIsDnsLabel, nameIsDnsSubdomain, nameIsPathSegment } from './name-validation';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta-validation';

const messages = (errors: Parameters<typeof fieldErrorMessage>[0][]) => errors.map(fieldErrorMessage);

describe('name validators', () => {
  it('explains an invalid subdomain with upstream text', () => {
    expect(nameIsDnsSubdomain('My_Pod', false)).toEqual([
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
  });

  it('rejects dots in a DNS label with its own message', () => {
    expect(nameIsDnsLabel('a.b', false)).toEqual(['must not contain dots']);
  });

  it('requires a DNS-1035 label to start with a letter', () => {
    expect(nameIsDns1035Label('1svc', false)[0]).toMatch(/^a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character/);
  });

  it('allows a generateName prefix ending in a dash', () => {
    expect(nameIsDnsSubdomain('web-', true)).toEqual([]);
    expect(nameIsDnsSubdomain('web-', false)).not.toEqual([]);
  });

  it('limits length of labels', () => {
    expect(nameIsDnsLabel('a'.repeat(64), false)).toEqual(['must be no more than 63 characters']);
  });

  it('only forbids slashes and percent signs in path segment names', () => {
    expect(nameIsPathSegment('system:admin', false)).toEqual([]);
    expect(nameIsPathSegment('a/b%', false)).toEqual(["may not contain '/'", "may not contain '%'"]);
    expect(nameIsPathSegment('..', false)).toEqual(["may not be '..'"]);
  });
});

describe('validateObjectMeta', () => {
  it('requires a name or generateName', () => {
    expect(messages(validateObjectMeta({ namespace: 'default' }, true, nameIsDnsSubdomain))).toEqual(['metadata.name: Required value: name or generateName is required']);
  });

  it('requires a namespace for namespaced kinds and forbids it otherwise', () => {
    expect(messages(validateObjectMeta({ name: 'a' }, true, nameIsDnsSubdomain))).toEqual(['metadata.namespace: Required value']);
    expect(messages(validateObjectMeta({ name: 'a', namespace: 'x' }, false, nameIsDnsSubdomain))).toEqual(['metadata.namespace: Forbidden: not allowed on this type']);
  });

  it('reports invalid label keys and values at the labels path', () => {
    const errors = messages(validateObjectMeta({ name: 'a', namespace: 'd', labels: { 'bad key': 'ok', good: 'bad value' } }, true, nameIsDnsSubdomain));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^metadata\.labels: Invalid value: "bad key": name part must consist of/);
    expect(errors[1]).toMatch(/^metadata\.labels: Invalid value: "bad value": a valid label must be an empty string/);
  });

  it('allows only one controller owner reference', () => {
    const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', uid: 'u', controller: true };
    const errors = validateObjectMeta({ name: 'a', namespace: 'd', ownerReferences: [{ ...owner, name: 'x' }, { ...owner, name: 'y' }] }, true, nameIsDnsSubdomain);
    expect(errors.map((e) => e.detail)).toEqual(['Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/x and ReplicaSet/y']);
  });
});

describe('validateObjectMetaUpdate', () => {
  const old = { name: 'a', namespace: 'd', uid: 'u1', resourceVersion: '5', creationTimestamp: '2026-01-01T00:00:00Z' };

  it('keeps name, uid and creationTimestamp immutable', () => {
    expect(messages(validateObjectMetaUpdate({ ...old, name: 'b', uid: 'u2' }, old))).toEqual([
      'metadata.name: Invalid value: "b": field is immutable',
      'metadata.uid: Invalid value: "u2": field is immutable',
    ]);
  });

  it('requires a resourceVersion', () => {
    expect(messages(validateObjectMetaUpdate({ ...old, resourceVersion: '' }, old))).toEqual(['metadata.resourceVersion: Invalid value: "": must be specified for an update']);
  });

  it('forbids new finalizers once the object is being deleted', () => {
    const deleting = { ...old, deletionTimestamp: '2026-01-02T00:00:00Z', finalizers: ['a.io/x'] };
    expect(messages(validateObjectMetaUpdate({ ...deleting, finalizers: ['a.io/x', 'b.io/y'] }, deleting))).toEqual([
      'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"b.io/y"}',
    ]);
  });
});
