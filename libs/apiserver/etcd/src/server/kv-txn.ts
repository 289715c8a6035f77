import { responseHeader } from '../etcd-member';
import type { EtcdKeySpace } from '../key-space/etcd-key-space';
import type { KeyValue } from '../key-space/key-range';
import type { KeySpaceTransaction } from '../key-space/key-space.transaction';
import { deleteRange, type Message, put, range } from './kv-requests';

/** One Compare against the current keys, as etcd's applyCompare: a missing key has revisions and version 0, and no value to equal. */
function compares(view: KeySpaceTransaction, compare: Message): boolean {
  const target = compare['target'] as string;
  const kvs = view.range({ key: compare['key'] as Buffer, rangeEnd: compare['range_end'] as Buffer | undefined });
  if (kvs.length === 0 && target === 'VALUE') return false;
  const check = (kv: KeyValue | undefined): boolean => {
    const actual = target === 'VALUE' ? kv!.value : BigInt(target === 'LEASE' ? 0 : kv ? (target === 'VERSION' ? 1 : kv.modRevision) : 0);
    const wanted = target === 'VALUE' ? (compare['value'] as Buffer) : BigInt(String(compare[{ VERSION: 'version', CREATE: 'create_revision', MOD: 'mod_revision', LEASE: 'lease' }[target] ?? 'version'] ?? 0));
    const order = Buffer.isBuffer(actual) ? Buffer.compare(actual, wanted as Buffer) : actual === wanted ? 0 : actual < (wanted as bigint) ? -1 : 1;
    return { EQUAL: order === 0, NOT_EQUAL: order !== 0, GREATER: order > 0, LESS: order < 0 }[compare['result'] as string] ?? false;
  };
  return kvs.length === 0 ? check(undefined) : kvs.every(check);
}

/** Whether either branch of a txn (or of a txn nested in it) has a put or a delete. */
function writes(request: Message): boolean {
  const ops = [...((request['success'] as Message[]) ?? []), ...((request['failure'] as Message[]) ?? [])];
  return ops.some((op) => op['request_put'] || op['request_delete_range'] || (op['request_txn'] && writes(op['request_txn'] as Message)));
}

/** The compares, then the chosen branch's requests in order, each seeing the writes before it. */
function evaluate(view: KeySpaceTransaction, request: Message): Message {
  const succeeded = ((request['compare'] as Message[]) ?? []).every((compare) => compares(view, compare));
  const responses: Message[] = [];
  for (const op of ((succeeded ? request['success'] : request['failure']) as Message[]) ?? []) {
    if (op['request_range']) responses.push({ response_range: range(view, op['request_range'] as Message) });
    else if (op['request_put']) responses.push({ response_put: put(view, op['request_put'] as Message) });
    else if (op['request_delete_range']) responses.push({ response_delete_range: deleteRange(view, op['request_delete_range'] as Message) });
    else if (op['request_txn']) responses.push({ response_txn: evaluate(view, op['request_txn'] as Message) });
  }
  return { header: responseHeader(view.revision), succeeded, responses };
}

/**
 * etcd's Txn, atomic as etcd's: a txn that may write is evaluated and committed in one store
 * transaction holding the store's revision (EtcdKeySpace.write), so no other writer's change falls
 * between its compares and its writes, and its writes commit together; a read-only txn is evaluated
 * at one revision of the watch cache.
 */
export function txn(space: EtcdKeySpace, request: Message): Promise<Message> {
  return writes(request) ? space.write((transaction) => evaluate(transaction, request)) : space.read((view) => evaluate(view, request));
}
