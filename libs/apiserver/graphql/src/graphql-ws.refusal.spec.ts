import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import type { INestApplicationContext } from '@nestjs/common';
import { ApiError } from '@drydock/client';
import { GraphqlAuthService } from './auth/graphql-auth.service';
import { createGraphqlWsHandler, upgradeRefusal } from './graphql-ws.handler';

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

  it('logs the failure behind a 500 (the client sees only "Internal Server Error"), and not the API server\'s own answers', () => {
    const logged: unknown[] = [];
    const failure = new Error('socket hang up');
    expect(upgradeRefusal(failure, (error) => logged.push(error))).toMatchObject({ code: 500, message: 'Internal Server Error' });
    expect(upgradeRefusal(ApiError.fromResponse(403, ''), (error) => logged.push(error))).toMatchObject({ code: 403 });
    expect(upgradeRefusal(ApiError.fromResponse(504, ''), (error) => logged.push(error))).toMatchObject({ code: 504 });
    expect(logged).toEqual([failure]);
  });
});

describe('createGraphqlWsHandler: an upgrade whose token review fails with something other than a Status', () => {
  it('is answered 500 and the failure is logged with its path', async () => {
    const failure = new Error('the token review blew up');
    const app = { get: (token: unknown) => (token === GraphqlAuthService ? { authenticate: () => Promise.reject(failure) } : { current: () => undefined }) } as unknown as INestApplicationContext;
    const logged: { error: unknown; path: string }[] = [];
    const handler = createGraphqlWsHandler(app, { onInternalError: (error, path) => logged.push({ error, path }) });
    const socket = new PassThrough();
    const answer = new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.on('finish', () => resolve(text));
    });
    const req = { url: '/clusters/lab/graphql?x=1', headers: { authorization: 'Bearer t0ken' }, headersDistinct: { authorization: ['Bearer t0ken'] } } as unknown as IncomingMessage;
    handler.handleUpgrade(req, socket, Buffer.alloc(0));
    expect(await answer).toMatch(/^HTTP\/1\.1 500 Internal Server Error\r\n[\s\S]*"reason":"InternalError"/);
    expect(logged).toEqual([{ error: failure, path: '/clusters/lab/graphql' }]);
    await handler.close();
  });
});
