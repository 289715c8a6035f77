import { status as GrpcStatus, type UntypedServiceImplementation, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { StoreError } from '@drydock/storage';
import { responseHeader } from '../etcd-member';
import { type EtcdKeySpace, RevisionError } from '../key-space/etcd-key-space';
import { UndecodableValueError } from '../key-space/value-codec';
import { deleteRange, type Message, put, range } from './kv-requests';
import { txn } from './kv-txn';

export { keyValueMessage } from './kv-requests';

/**
 * etcd's gRPC status for an error: its mvcc errors as OutOfRange, a value that is no object as
 * InvalidArgument, a write over the request limit as etcd's ErrGRPCRequestTooLarge (InvalidArgument).
 */
export function grpcError(error: unknown): { code: number; details: string } {
  if (error instanceof RevisionError) return { code: GrpcStatus.OUT_OF_RANGE, details: error.message };
  if (error instanceof StoreError && error.code === 'TooLarge') return { code: GrpcStatus.INVALID_ARGUMENT, details: error.message };
  if (error instanceof UndecodableValueError) return { code: GrpcStatus.INVALID_ARGUMENT, details: `etcdserver: value is not a Kubernetes object Drydock can store: ${error.message}` };
  return { code: GrpcStatus.UNAVAILABLE, details: `etcdserver: ${error instanceof Error ? error.message : String(error)}` };
}

function unary(handler: (request: Message) => Promise<Message>) {
  return (call: ServerUnaryCall<Message, Message>, callback: sendUnaryData<Message>) => {
    handler(call.request).then((response) => callback(null, response), (error: unknown) => callback(grpcError(error)));
  };
}

/** etcdserverpb.KV over the key space. Compact is answered and ignored (the store compacts on its own window). */
export function kvService(space: EtcdKeySpace): UntypedServiceImplementation {
  return {
    Range: unary((request) => space.read((view) => range(view, request), { serializable: !!request['serializable'] })),
    Put: unary((request) => space.write((transaction) => put(transaction, request))),
    DeleteRange: unary((request) => space.write((transaction) => deleteRange(transaction, request))),
    Txn: unary((request) => txn(space, request)),
    Compact: unary(async () => ({ header: responseHeader(space.revision) })),
  };
}
