import type { sendUnaryData, ServerDuplexStream, ServerUnaryCall, UntypedServiceImplementation } from '@grpc/grpc-js';
import { responseHeader } from '../etcd-member';

type Message = Record<string, unknown>;

interface Lease {
  ttl: number;
  grantedTtl: number;
  expires: number;
}

/**
 * etcd's Lease API, enough for clients that grant and keep alive a lease (etcdctl lease grant|keep-alive|
 * timetolive|list|revoke, `put --lease`). Leases live in this process only and keys are not deleted
 * when one expires (the store has no TTLs): see docs/etcd.md.
 */
export function leaseService(revision: () => number): UntypedServiceImplementation {
  const leases = new Map<string, Lease>();
  let nextId = BigInt(0x694d7a3c5b2e1000);
  const live = (id: string) => {
    const lease = leases.get(id);
    if (lease && lease.expires < Date.now()) leases.delete(id);
    return leases.get(id);
  };
  const header = () => responseHeader(revision());
  const unary = (handler: (request: Message) => Message) => (call: ServerUnaryCall<Message, Message>, callback: sendUnaryData<Message>) => callback(null, handler(call.request));
  return {
    LeaseGrant: unary((request) => {
      const id = Number(request['ID'] ?? 0) > 0 ? String(request['ID']) : String(nextId++);
      const ttl = Math.max(Number(request['TTL'] ?? 0), 1);
      leases.set(id, { ttl, grantedTtl: ttl, expires: Date.now() + ttl * 1000 });
      return { header: header(), ID: id, TTL: String(ttl), error: '' };
    }),
    LeaseRevoke: unary((request) => {
      leases.delete(String(request['ID']));
      return { header: header() };
    }),
    LeaseTimeToLive: unary((request) => {
      const lease = live(String(request['ID']));
      return { header: header(), ID: String(request['ID']), TTL: lease ? String(Math.max(0, Math.round((lease.expires - Date.now()) / 1000))) : '-1', grantedTTL: String(lease?.grantedTtl ?? 0), keys: [] };
    }),
    LeaseLeases: unary(() => ({ header: header(), leases: [...leases.keys()].filter((id) => live(id)).map((id) => ({ ID: id })) })),
    LeaseKeepAlive: (stream: ServerDuplexStream<Message, Message>) => {
      stream.on('data', (request: Message) => {
        const id = String(request['ID']);
        const lease = live(id);
        if (lease) lease.expires = Date.now() + lease.ttl * 1000;
        stream.write({ header: header(), ID: id, TTL: lease ? String(lease.ttl) : '0' });
      });
      stream.on('end', () => stream.end());
    },
  };
}
