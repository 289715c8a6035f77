import { status as GrpcStatus, type UntypedServiceImplementation, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { responseHeader } from '../etcd-member';
import type { KeyValueMessage } from '@drydock/kube';
import { type EtcdKeySpace, type KeyRange, type KeyValue, RevisionError } from '../key-space/etcd-key-space';
import { UndecodableValueError } from '../key-space/value-codec';

type Message = Record<string, unknown>;

export function keyValueMessage(kv: KeyValue, keysOnly = false): KeyValueMessage {
  // Drydock keeps no per-key create revision or version: both read as the latest write.
  return { key: kv.key, create_revision: String(kv.modRevision), mod_revision: String(kv.modRevision), version: '1', value: keysOnly ? Buffer.alloc(0) : kv.value, lease: '0' };
}

const rangeOf = (request: Message): KeyRange => ({ key: request['key'] as Buffer, rangeEnd: request['range_end'] as Buffer | undefined });

/** etcd's RangeRequest: limit, revision, keys_only, count_only, sort by key (the order is always by key). */
async function range(space: EtcdKeySpace, request: Message): Promise<Message> {
  if (!request['serializable']) await space.catchUp();
  let kvs = space.range(rangeOf(request), Number(request['revision'] ?? 0));
  const count = kvs.length;
  if (request['sort_order'] === 'DESCEND') kvs = kvs.reverse();
  const limit = Number(request['limit'] ?? 0);
  const more = limit > 0 && kvs.length > limit;
  if (more) kvs = kvs.slice(0, limit);
  const revision = Number(request['revision'] ?? 0) || space.revision;
  return { header: responseHeader(revision), kvs: request['count_only'] ? [] : kvs.map((kv) => keyValueMessage(kv, !!request['keys_only'])), more, count: String(count) };
}

async function put(space: EtcdKeySpace, request: Message): Promise<Message> {
  const previous = request['prev_kv'] ? space.range({ key: request['key'] as Buffer })[0] : undefined;
  const revision = await space.put(request['key'] as Buffer, request['value'] as Buffer);
  return { header: responseHeader(revision), ...(previous ? { prev_kv: keyValueMessage(previous) } : {}) };
}

async function deleteRange(space: EtcdKeySpace, request: Message): Promise<Message> {
  await space.catchUp();
  const { deleted, revision } = await space.deleteRange(rangeOf(request));
  return { header: responseHeader(revision), deleted: String(deleted.length), prev_kvs: request['prev_kv'] ? deleted.map((kv) => keyValueMessage(kv)) : [] };
}

/** One Compare of a Txn against the key's current value (a missing key has revisions and version 0). */
function compares(space: EtcdKeySpace, compare: Message): boolean {
  const kvs = space.range({ key: compare['key'] as Buffer, rangeEnd: compare['range_end'] as Buffer | undefined });
  const check = (kv: KeyValue | undefined): boolean => {
    const target = compare['target'] as string;
    const actual = target === 'VALUE' ? kv?.value ?? Buffer.alloc(0) : BigInt(target === 'LEASE' ? 0 : kv ? (target === 'VERSION' ? 1 : kv.modRevision) : 0);
    const wanted = target === 'VALUE' ? (compare['value'] as Buffer) : BigInt(String(compare[{ VERSION: 'version', CREATE: 'create_revision', MOD: 'mod_revision', LEASE: 'lease' }[target] ?? 'version'] ?? 0));
    const order = Buffer.isBuffer(actual) ? Buffer.compare(actual, wanted as Buffer) : actual === wanted ? 0 : actual < (wanted as bigint) ? -1 : 1;
    return { EQUAL: order === 0, NOT_EQUAL: order !== 0, GREATER: order > 0, LESS: order < 0 }[compare['result'] as string] ?? false;
  };
  return kvs.length === 0 ? check(undefined) : kvs.every(check);
}

/**
 * The compare-and-swap kube-apiserver's storage sends (`If(ModRevision(k) == rv).Then(Put(k)|Delete(k))`,
 * rv 0 for a create), done as one conditional store write: atomic, as in etcd. Undefined for any other
 * shape of Txn.
 */
async function compareAndSwap(space: EtcdKeySpace, request: Message): Promise<{ succeeded: boolean; response?: Message } | undefined> {
  const compare = request['compare'] as Message[] | undefined;
  const success = request['success'] as Message[] | undefined;
  if (compare?.length !== 1 || success?.length !== 1) return undefined;
  const [only] = compare;
  const key = only['key'] as Buffer;
  const rangeEnd = only['range_end'] as Buffer | undefined;
  if (only['target'] !== 'MOD' || only['result'] !== 'EQUAL' || (rangeEnd && rangeEnd.length > 0)) return undefined;
  const expected = Number(only['mod_revision'] ?? 0);
  const put = success[0]['request_put'] as Message | undefined;
  const del = success[0]['request_delete_range'] as Message | undefined;
  const sameKey = (op: Message) => (op['key'] as Buffer).equals(key) && !((op['range_end'] as Buffer | undefined)?.length);
  if (put && sameKey(put)) {
    const revision = await space.putIf(key, put['value'] as Buffer, expected);
    return revision === undefined ? { succeeded: false } : { succeeded: true, response: { response_put: { header: responseHeader(revision) } } };
  }
  if (del && sameKey(del)) {
    const result = await space.deleteIf(key, expected);
    if (!result) return { succeeded: false };
    return { succeeded: true, response: { response_delete_range: { header: responseHeader(result.revision), deleted: String(result.deleted.length), prev_kvs: del['prev_kv'] ? result.deleted.map((kv) => keyValueMessage(kv)) : [] } } };
  }
  return undefined;
}

/** A Txn: a compare-and-swap in one store write; any other, the compares then each request of the chosen branch in order (not atomically: see docs/etcd.md). */
async function txn(space: EtcdKeySpace, request: Message): Promise<Message> {
  await space.catchUp();
  const swapped = await compareAndSwap(space, request);
  if (swapped?.succeeded) return { header: responseHeader(space.revision), succeeded: true, responses: [swapped.response] };
  const succeeded = swapped ? false : ((request['compare'] as Message[]) ?? []).every((compare) => compares(space, compare));
  const responses: Message[] = [];
  for (const op of (succeeded ? request['success'] : request['failure']) as Message[]) {
    if (op['request_range']) responses.push({ response_range: await range(space, op['request_range'] as Message) });
    else if (op['request_put']) responses.push({ response_put: await put(space, op['request_put'] as Message) });
    else if (op['request_delete_range']) responses.push({ response_delete_range: await deleteRange(space, op['request_delete_range'] as Message) });
    else if (op['request_txn']) responses.push({ response_txn: await txn(space, op['request_txn'] as Message) });
  }
  return { header: responseHeader(space.revision), succeeded, responses };
}

/** etcd's gRPC status for an error: its mvcc errors as OutOfRange, a value that is no object as InvalidArgument. */
export function grpcError(error: unknown): { code: number; details: string } {
  if (error instanceof RevisionError) return { code: GrpcStatus.OUT_OF_RANGE, details: error.message };
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
    Range: unary((request) => range(space, request)),
    Put: unary((request) => put(space, request)),
    DeleteRange: unary((request) => deleteRange(space, request)),
    Txn: unary((request) => txn(space, request)),
    Compact: unary(async () => ({ header: responseHeader(space.revision) })),
  };
}
