import type { KeyValueMessage } from '@drydock/kube';
import { responseHeader } from '../etcd-member';
import type { EtcdKeySpace, KeyRange, KeyValue } from '../key-space/etcd-key-space';

export type Message = Record<string, unknown>;

export function keyValueMessage(kv: KeyValue, keysOnly = false): KeyValueMessage {
  // Drydock keeps no per-key create revision or version: both read as the latest write.
  return { key: kv.key, create_revision: String(kv.modRevision), mod_revision: String(kv.modRevision), version: '1', value: keysOnly ? Buffer.alloc(0) : kv.value, lease: '0' };
}

export const rangeOf = (request: Message): KeyRange => ({ key: request['key'] as Buffer, rangeEnd: request['range_end'] as Buffer | undefined });

/** etcd's RangeRequest: limit, revision, keys_only, count_only, sort by key (the order is always by key). */
export async function range(space: EtcdKeySpace, request: Message): Promise<Message> {
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

export async function put(space: EtcdKeySpace, request: Message): Promise<Message> {
  const previous = request['prev_kv'] ? space.range({ key: request['key'] as Buffer })[0] : undefined;
  const revision = await space.put(request['key'] as Buffer, request['value'] as Buffer);
  return { header: responseHeader(revision), ...(previous ? { prev_kv: keyValueMessage(previous) } : {}) };
}

export async function deleteRange(space: EtcdKeySpace, request: Message): Promise<Message> {
  await space.catchUp();
  const { deleted, revision } = await space.deleteRange(rangeOf(request));
  return { header: responseHeader(revision), deleted: String(deleted.length), prev_kvs: request['prev_kv'] ? deleted.map((kv) => keyValueMessage(kv)) : [] };
}
