import { status as GrpcStatus } from '@grpc/grpc-js';
import { StoreError } from '@drydock/storage';
import { grpcError } from './kv.service';

describe('grpcError', () => {
  it("answers a write over the store's 1.5 MiB limit as etcd does (InvalidArgument, not a retryable Unavailable)", () => {
    expect(grpcError(new StoreError('TooLarge', 'etcdserver: request is too large'))).toEqual({ code: GrpcStatus.INVALID_ARGUMENT, details: 'etcdserver: request is too large' });
  });

  it('answers an unexpected failure as Unavailable, which clients retry', () => {
    expect(grpcError(new Error('connect ECONNREFUSED'))).toEqual({ code: GrpcStatus.UNAVAILABLE, details: 'etcdserver: connect ECONNREFUSED' });
  });
});
