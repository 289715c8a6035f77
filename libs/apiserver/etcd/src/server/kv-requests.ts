import type { KeyValueMessage } from '@drydock/kube';
import { responseHeader } from '../etcd-member';
import type { KeyRange, KeyValue } from '../key-space/key-range';
import type { KeySpaceTransaction } from '../key-space/key-space.transaction';

export type Message = Record<string, unknown>;

export function keyValueMessage(kv: KeyValue, keysOnly = false): KeyValueMessage {
  // Drydock keeps no per-key create revision or version: both read as the latest write.
  return { key: kv.key, create_revision: String(kv.modRevision), mod_revision: String(kv.modRevision), version: '1', value: keysOnly ? Buffer.alloc(0) : kv.value, lease: '0' };
}

export const rangeOf = (request: Message): KeyRange => ({ key: request['key'] as Buffer, rangeEnd: request['range_end'] as Buffer | undefined });

/** etcd's RangeRequest: limit, revision, keys_only, count_only, sort by key (the order is always by key). */
export function range(view: KeySpaceTransaction, request: Message): Message {
  let kvs = view.range(rangeOf(request), Number(request['revision'] ?? 0));
  const count = kvs.length;
  if (request['sort_order'] === 'DESCEND') kvs = kvs.reverse();
  const limit = Number(request['limit'] ?? 0);
  const more = limit > 0 && kvs.length > limit;
  if (more) kvs = kvs.slice(0, limit);
  const revision = Number(request['revision'] ?? 0) || view.revision;
  return { header: responseHeader(revision), kvs: request['count_only'] ? [] : kvs.map((kv) => keyValueMessage(kv, !!request['keys_only'])), more, count: String(count) };
}

export function put(transaction: KeySpaceTransaction, request: Message): Message {
  const { revision, previous } = transaction.put(request['key'] as Buffer, request['value'] as Buffer);
  return { header: responseHeader(revision), ...(request['prev_kv'] && previous ? { prev_kv: keyValueMessage(previous) } : {}) };
}

export function deleteRange(transaction: KeySpaceTransaction, request: Message): Message {
  const { deleted, revision } = transaction.deleteRange(rangeOf(request));
  return { header: responseHeader(revision), deleted: String(deleted.length), prev_kvs: request['prev_kv'] ? deleted.map((kv) => keyValueMessage(kv)) : [] };
}
