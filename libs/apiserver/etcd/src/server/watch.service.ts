import type { ServerDuplexStream, UntypedServiceImplementation } from '@grpc/grpc-js';
import type { WatchHandle } from '@drydock/storage';
import { responseHeader } from '../etcd-member';
import { type EtcdKeySpace, type KeyEvent, RevisionError } from '../key-space/etcd-key-space';
import { keyValueMessage } from './kv.service';

type Message = Record<string, unknown>;

function eventMessage(event: KeyEvent, withPrevious: boolean, filters: string[]): Message | undefined {
  if (filters.includes(event.type === 'PUT' ? 'NOPUT' : 'NODELETE')) return undefined;
  return { type: event.type, kv: keyValueMessage(event.kv), ...(withPrevious && event.previous ? { prev_kv: keyValueMessage(event.previous) } : {}) };
}

/**
 * One Watch stream: each create_request starts a watcher over the key space (from start_revision, or
 * from the next write), each cancel_request ends one; events go out per watcher in revision order.
 * A start revision older than the watch cache is answered as etcd does: created, then canceled with
 * compact_revision.
 */
function watchStream(space: EtcdKeySpace, stream: ServerDuplexStream<Message, Message>): void {
  const watchers = new Map<string, WatchHandle>();
  let nextId = 0;
  const send = (message: Message) => {
    if (!stream.writableEnded && !stream.destroyed) stream.write({ header: responseHeader(space.revision), ...message });
  };
  const create = (request: Message) => {
    const id = Number(request['watch_id'] ?? 0) > 0 ? String(request['watch_id']) : String(nextId++);
    send({ watch_id: id, created: true });
    try {
      const filters = (request['filters'] as string[]) ?? [];
      const handle = space.watch({ key: request['key'] as Buffer, rangeEnd: request['range_end'] as Buffer }, Number(request['start_revision'] ?? 0), (events) => {
        const messages = events.map((event) => eventMessage(event, !!request['prev_kv'], filters)).filter((message): message is Message => !!message);
        if (messages.length > 0) stream.write({ header: responseHeader(events[events.length - 1].kv.modRevision), watch_id: id, events: messages });
      });
      watchers.set(id, handle);
    } catch (error) {
      if (!(error instanceof RevisionError)) throw error;
      send({ watch_id: id, canceled: true, compact_revision: String(error.compactRevision), cancel_reason: error.message });
    }
  };
  stream.on('data', (request: Message) => {
    if (request['create_request']) create(request['create_request'] as Message);
    else if (request['cancel_request']) {
      const id = String((request['cancel_request'] as Message)['watch_id']);
      watchers.get(id)?.close();
      watchers.delete(id);
      send({ watch_id: id, canceled: true });
    } else if (request['progress_request']) send({ watch_id: '-1' });
  });
  const end = () => {
    watchers.forEach((handle) => handle.close());
    watchers.clear();
  };
  stream.on('end', () => {
    end();
    stream.end();
  });
  stream.on('error', end);
  stream.on('cancelled', end);
}

export function watchService(space: EtcdKeySpace): UntypedServiceImplementation {
  return { Watch: (stream: ServerDuplexStream<Message, Message>) => watchStream(space, stream) };
}
