import { ApiError } from '@drydock/client';
import { upgradeRefusal } from './graphql-ws.handler';

describe('upgradeRefusal: what a subscription upgrade gets when its token could not be reviewed', () => {
  it('passes on the API server\'s retryable answers (429 with its retry-after, 504) instead of a 500', () => {
    const busy = ApiError.fromResponse(429, JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 429, reason: 'TooManyRequests', message: 'Too many requests, please try again later.', details: { retryAfterSeconds: 1 } }));
    expect(upgradeRefusal(busy)).toMatchObject({ kind: 'Status', code: 429, reason: 'TooManyRequests', details: { retryAfterSeconds: 1 } });
    const slow = ApiError.fromResponse(504, JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 504, reason: 'Timeout', message: 'Timeout: request did not complete within the allotted timeout' }));
    expect(upgradeRefusal(slow)).toMatchObject({ code: 504, reason: 'Timeout', message: 'Timeout: request did not complete within the allotted timeout' });
  });

  it('keeps 403 Forbidden, and answers 500 only for a failure that is not the API server\'s Status', () => {
    expect(upgradeRefusal(ApiError.fromResponse(403, ''))).toMatchObject({ code: 403, reason: 'Forbidden' });
    expect(upgradeRefusal(new Error('socket hang up'))).toMatchObject({ code: 500, reason: 'InternalError' });
  });
});
