import { GraphQLError } from 'graphql';
import { ApiError } from '@drydock/client';
import { StatusError } from '@drydock/util';
import { formatGraphqlError } from './graphql-error.mapper';

const asResolverError = (original: Error) => new GraphQLError(original.message, { originalError: original, path: ['field'] });

describe('mapping errors to GraphQL, once', () => {
  it('gives a REST error its Kubernetes reason and HTTP status', () => {
    const notFound = ApiError.fromResponse(404, JSON.stringify({ kind: 'Status', code: 404, reason: 'NotFound', message: 'deployments.apps "x" not found' }));
    expect(formatGraphqlError({ message: 'ignored', path: ['field'] }, asResolverError(notFound))).toEqual({ message: 'deployments.apps "x" not found', path: ['field'], extensions: { code: 'NotFound', status: 404 } });
    expect(formatGraphqlError({ message: 'x' }, asResolverError(new StatusError(409, 'Conflict', 'moved'))).extensions).toEqual({ code: 'Conflict', status: 409 });
    expect(formatGraphqlError({ message: 'x' }, asResolverError(StatusError.badRequest('bad'))).extensions).toEqual({ code: 'BadRequest', status: 400 });
  });

  it('keeps the field causes of an Invalid answer', () => {
    const invalid = StatusError.invalid('apps', 'Deployment', 'd', [{ type: 'FieldValueRequired', field: 'spec.selector', detail: '' } as never]);
    const formatted = formatGraphqlError({ message: 'x' }, asResolverError(invalid));
    expect(formatted.extensions).toMatchObject({ code: 'Invalid', status: 422, causes: [expect.objectContaining({ field: 'spec.selector' })] });
  });

  it("leaves GraphQL's own errors (validation, limits) as they are", () => {
    const validation = { message: 'Cannot query field "x"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
    expect(formatGraphqlError(validation, new GraphQLError(validation.message))).toBe(validation);
  });

  it('calls anything else an internal error: a bug, never bad input', () => {
    expect(formatGraphqlError({ message: 'boom' }, asResolverError(new TypeError('boom'))).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', status: 500 });
  });

  it('never sends an internal error with its stack trace', () => {
    const formatted = formatGraphqlError({ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['TypeError: boom', '    at resolver (/srv/x.ts:1:1)'] } }, asResolverError(new TypeError('boom')));
    expect(formatted.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', status: 500 });
  });
});
