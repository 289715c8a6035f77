import { createHash } from 'node:crypto';
import type { sendUnaryData, ServerUnaryCall, ServerWritableStream, UntypedServiceImplementation } from '@grpc/grpc-js';
import { ETCD_MEMBER, MEMBER_ID, responseHeader } from '../etcd-member';
import type { MemberUrls } from './cluster.service';
import type { EtcdKeySpace } from '../key-space/etcd-key-space';
import { encodeSnapshot } from '@drydock/kube';
import { grpcError } from './kv.service';

type Message = Record<string, unknown>;

const EVERYTHING = { key: Buffer.from([0]), rangeEnd: Buffer.from([0]) };
const CHUNK = 32 * 1024;
/** etcd's cluster and storage version for a 3.6 member (`endpoint status` STORAGE VERSION). */
const STORAGE_VERSION = '3.6.0';

/** A hash of every key, value and revision (HashKV): equal on two reads only when nothing changed. */
function keySpaceHash(space: EtcdKeySpace): string {
  const hash = createHash('sha256');
  for (const kv of space.range(EVERYTHING)) hash.update(kv.key).update(kv.value).update(String(kv.modRevision));
  return String(hash.digest().readUInt32BE(0));
}

/**
 * etcd's Maintenance API: Status (endpoint status), Hash and HashKV, an empty alarm list (endpoint
 * health asks for it), Defragment (nothing to do), and Snapshot: the whole key space at the current
 * revision as a bbolt database with etcd's buckets (and the member, cluster version and raft term
 * this endpoint answers with), streamed in chunks as etcd streams its database.
 */
export function maintenanceService(space: EtcdKeySpace, databaseSize: () => Promise<number>, urls: MemberUrls): UntypedServiceImplementation {
  const unary = (handler: (request: Message) => Promise<Message>) => (call: ServerUnaryCall<Message, Message>, callback: sendUnaryData<Message>) => {
    handler(call.request).then((response) => callback(null, response), (error: unknown) => callback(grpcError(error)));
  };
  return {
    Status: unary(async () => {
      const size = String(await databaseSize().catch(() => 0));
      const revision = String(space.revision);
      return { header: responseHeader(space.revision), version: ETCD_MEMBER.version, dbSize: size, dbSizeInUse: size, leader: MEMBER_ID, raftIndex: revision, raftTerm: String(ETCD_MEMBER.raftTerm), raftAppliedIndex: revision, errors: [], isLearner: false, storageVersion: STORAGE_VERSION, dbSizeQuota: '2147483648' };
    }),
    Hash: unary(async () => ({ header: responseHeader(space.revision), hash: keySpaceHash(space) })),
    HashKV: unary(async () => ({ header: responseHeader(space.revision), hash: keySpaceHash(space), compact_revision: String(space.compactRevision), hash_revision: String(space.revision) })),
    Alarm: unary(async () => ({ header: responseHeader(space.revision), alarms: [] })),
    Defragment: unary(async () => ({ header: responseHeader(space.revision) })),
    Snapshot: (call: ServerWritableStream<Message, Message>) => {
      void (async () => {
        await space.catchUp();
        const revision = space.revision;
        const member = { idHex: ETCD_MEMBER.memberIdHex, name: ETCD_MEMBER.name, peerUrls: urls.peerUrls(), clientUrls: urls.clientUrls() };
        const file = encodeSnapshot({ revision, kvs: space.range(EVERYTHING), member, clusterVersion: STORAGE_VERSION, raftTerm: ETCD_MEMBER.raftTerm });
        for (let offset = 0; offset < file.length; offset += CHUNK) {
          const blob = file.subarray(offset, offset + CHUNK);
          call.write({ header: responseHeader(revision), remaining_bytes: String(file.length - offset - blob.length), blob, version: ETCD_MEMBER.version });
        }
        call.end();
      })().catch((error: unknown) => call.destroy(Object.assign(new Error(grpcError(error).details), grpcError(error))));
    },
  };
}
