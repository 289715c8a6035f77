import { responseHeader } from '../etcd-member';
import type { EtcdKeySpace, KeyValue } from '../key-space/etcd-key-space';
import { deleteRange, keyValueMessage, type Message, put, range } from './kv-requests';

/** How often a txn is evaluated again when its key moved between the compares and the write. */
const MAX_ATTEMPTS = 8;

/** One Compare against the current keys, as etcd's applyCompare: a missing key has revisions and version 0, and no value to equal. */
function compares(space: EtcdKeySpace, compare: Message): boolean {
  const target = compare['target'] as string;
  const kvs = space.range({ key: compare['key'] as Buffer, rangeEnd: compare['range_end'] as Buffer | undefined });
  if (kvs.length === 0 && target === 'VALUE') return false;
  const check = (kv: KeyValue | undefined): boolean => {
    const actual = target === 'VALUE' ? kv!.value : BigInt(target === 'LEASE' ? 0 : kv ? (target === 'VERSION' ? 1 : kv.modRevision) : 0);
    const wanted = target === 'VALUE' ? (compare['value'] as Buffer) : BigInt(String(compare[{ VERSION: 'version', CREATE: 'create_revision', MOD: 'mod_revision', LEASE: 'lease' }[target] ?? 'version'] ?? 0));
    const order = Buffer.isBuffer(actual) ? Buffer.compare(actual, wanted as Buffer) : actual === wanted ? 0 : actual < (wanted as bigint) ? -1 : 1;
    return { EQUAL: order === 0, NOT_EQUAL: order !== 0, GREATER: order > 0, LESS: order < 0 }[compare['result'] as string] ?? false;
  };
  return kvs.length === 0 ? check(undefined) : kvs.every(check);
}

const hasRangeEnd = (op: Message) => ((op['range_end'] as Buffer | undefined)?.length ?? 0) > 0;

/**
 * The one key a branch writes (its puts and single-key deletes, any number of ranges beside them), null
 * when it writes nothing, undefined when it writes several keys, a range of keys or a nested txn.
 */
function writtenKey(ops: Message[]): Buffer | null | undefined {
  let key: Buffer | null = null;
  for (const op of ops) {
    const write = (op['request_put'] ?? op['request_delete_range']) as Message | undefined;
    if (op['request_txn'] || (op['request_delete_range'] && hasRangeEnd(write!))) return undefined;
    if (!write) continue;
    if (key && !key.equals(write['key'] as Buffer)) return undefined;
    key = write['key'] as Buffer;
  }
  return key;
}

/** Signals that the written key moved after the compares were read: evaluate the txn again. */
class KeyMoved extends Error {}

/**
 * A branch whose writes all touch one key, each write conditional on the key's mod revision when the
 * compares were read (0: absent), so the compares still hold when the store commits it: the txn is
 * atomic as in etcd (kube-apiserver's `If(ModRevision(k) == rv).Then(Put(k)).Else(Get(k))`, an
 * election's `If(CreateRevision(k) == 0).Then(Put(k))`). Throws KeyMoved when the condition fails.
 */
async function runOnOneKey(space: EtcdKeySpace, ops: Message[], key: Buffer): Promise<Message[]> {
  let current: KeyValue | undefined = space.range({ key })[0];
  const responses: Message[] = [];
  for (const op of ops) {
    if (op['request_range']) {
      responses.push({ response_range: await range(space, op['request_range'] as Message) });
    } else if (op['request_put']) {
      const request = op['request_put'] as Message;
      const revision = await space.putIf(key, request['value'] as Buffer, current?.modRevision ?? 0);
      if (revision === undefined) throw new KeyMoved();
      responses.push({ response_put: { header: responseHeader(revision), ...(request['prev_kv'] && current ? { prev_kv: keyValueMessage(current) } : {}) } });
      current = { key, value: request['value'] as Buffer, modRevision: revision };
    } else if (op['request_delete_range']) {
      const request = op['request_delete_range'] as Message;
      const result = current ? await space.deleteIf(key, current.modRevision) : { deleted: [], revision: space.revision };
      if (!result) throw new KeyMoved();
      responses.push({ response_delete_range: { header: responseHeader(result.revision), deleted: String(result.deleted.length), prev_kvs: request['prev_kv'] ? result.deleted.map((kv) => keyValueMessage(kv)) : [] } });
      current = undefined;
    }
  }
  return responses;
}

/** A branch that writes several keys: each request in order, as ordinary writes (not one atomic step: docs/etcd.md). */
async function runInOrder(space: EtcdKeySpace, ops: Message[]): Promise<Message[]> {
  const responses: Message[] = [];
  for (const op of ops) {
    if (op['request_range']) responses.push({ response_range: await range(space, op['request_range'] as Message) });
    else if (op['request_put']) responses.push({ response_put: await put(space, op['request_put'] as Message) });
    else if (op['request_delete_range']) responses.push({ response_delete_range: await deleteRange(space, op['request_delete_range'] as Message) });
    else if (op['request_txn']) responses.push({ response_txn: await evaluate(space, op['request_txn'] as Message) });
  }
  return responses;
}

async function evaluate(space: EtcdKeySpace, request: Message): Promise<Message> {
  for (let attempt = 1; ; attempt++) {
    await space.catchUp();
    const succeeded = ((request['compare'] as Message[]) ?? []).every((compare) => compares(space, compare));
    const ops = ((succeeded ? request['success'] : request['failure']) as Message[]) ?? [];
    const key = writtenKey(ops);
    try {
      const responses = key ? await runOnOneKey(space, ops, key) : await runInOrder(space, ops);
      return { header: responseHeader(space.revision), succeeded, responses };
    } catch (error) {
      if (!(error instanceof KeyMoved) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

/** Txns of this endpoint, one at a time per key space: a multi-key txn is not interleaved with another's. */
const queues = new WeakMap<EtcdKeySpace, Promise<unknown>>();

/**
 * etcd's Txn: the compares against the current keys, then the chosen branch. A branch that writes one
 * key is atomic against every writer (conditional store writes, evaluated again if the key moved);
 * one that writes several keys is atomic only against this endpoint's other txns.
 */
export function txn(space: EtcdKeySpace, request: Message): Promise<Message> {
  const previous = queues.get(space) ?? Promise.resolve();
  const result = previous.catch(() => undefined).then(() => evaluate(space, request));
  queues.set(space, result.catch(() => undefined));
  return result;
}
