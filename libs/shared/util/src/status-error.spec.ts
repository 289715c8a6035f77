import { StatusError } from './status-error';

describe('StatusError bodies, byte for byte as the Go API server writes them', () => {
  it('orders NotFound as metav1.Status does, omits the core group, ends with a newline', () => {
    expect(StatusError.notFound({ group: '', resource: 'pods' }, 'nope').toStatusJson()).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \\"nope\\" not found","reason":"NotFound","details":{"name":"nope","kind":"pods"},"code":404}\n',
    );
  });

  it('keeps a named group and orders causes as reason, message, field', () => {
    const invalid = StatusError.invalid('apps', 'Deployment', 'web', [{ type: 'FieldValueRequired', field: 'spec.selector', detail: '' }]);
    const body = invalid.toStatusJson();
    expect(body.indexOf('"details"')).toBeLessThan(body.indexOf('"code"'));
    expect(JSON.parse(body).details).toEqual({ name: 'web', group: 'apps', kind: 'Deployment', causes: [{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.selector' }] });
    expect(Object.keys(JSON.parse(body).details.causes[0])).toEqual(['reason', 'message', 'field']);
  });

  it('leaves details out when there are none, and keeps retryAfterSeconds last', () => {
    expect(StatusError.badRequest('bad').toStatusJson()).toBe('{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"bad","reason":"BadRequest","code":400}\n');
    const limited = new StatusError(429, 'TooManyRequests', 'slow down', { retryAfterSeconds: 1 });
    expect(limited.toStatusJson()).toBe('{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"slow down","reason":"TooManyRequests","details":{"retryAfterSeconds":1},"code":429}\n');
  });
});
