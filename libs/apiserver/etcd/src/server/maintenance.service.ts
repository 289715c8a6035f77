import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { sendUnaryData, ServerUnaryCall, ServerWritableStream, UntypedServiceImplementation } from '@grpc/grpc-js';
import { ETCD_MEMBER, MEMBER_ID, responseHeader } from '../etcd-member';
import type { MemberUrls } from './cluster.service';
import type { EtcdKeySpace } from '../key-space/etcd-key-space';
import { encodeSnapshotInSlices } from '@drydock/kube';
import { grpcError } from './kv.service';

type Message = Record<string, unknown>;

const EVERYTHING = { key: Buffer.from([0]), rangeEnd: Buffer.from([0]) };
const CHUNK = 32 * 1024;
/** etcd's cluster and storage version for a 3.6 member (`endpoint status` STORAGE VERSION). */
const STORAGE_VERSION = '3.6.0';

/** A hash of every key, value and revision (HashKV): equal on two reads only when nothing changed. */
async function keySpaceHash(space: EtcdKeySpace): Promise<{ revision: number; hash: string }> {
  const { revision, kvs } = await space.rangeInSlices(EVERYTHING);
  const hash = createHash('sha256');
  for (const kv of kvs) hash.update(kv.key).update(kv.value).update(String(kv.modRevision));
  return { revision, hash: String(hash.digest().readUInt32BE(0)) };
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
    Hash: unary(async () => {
      const { revision, hash } = await keySpaceHash(space);
      return { header: responseHeader(revision), hash };
    }),
    HashKV: unary(async () => {
      const compactRevision = space.compactRevision;
      const { revision, hash } = await keySpaceHash(space);
      return { header: responseHeader(revision), hash, compact_revision: String(compactRevision), hash_revision: String(revision) };
    }),
    Alarm: unary(async () => ({ header: responseHeader(space.revision), alarms: [] })),
    Defragment: unary(async () => ({ header: responseHeader(space.revision) })),
    Snapshot: (call: ServerWritableStream<Message, Message>) => {
      void (async () => {
        await space.catchUp();
        const { revision, kvs } = await space.rangeInSlices(EVERYTHING);
        const member = { idHex: ETCD_MEMBER.memberIdHex, name: ETCD_MEMBER.name, peerUrls: urls.peerUrls(), clientUrls: urls.clientUrls() };
        const file = await encodeSnapshotInSlices({ revision, kvs, member, clusterVersion: STORAGE_VERSION, raftTerm: ETCD_MEMBER.raftTerm });
        for (let offset = 0; offset < file.length; offset += CHUNK) {
          const blob = file.subarray(offset, offset + CHUNK);
          const more = call.write({ header: responseHeader(revision), remaining_bytes: String(file.length - offset - blob.length), blob, version: ETCD_MEMBER.version });
          if (!more && !call.destroyed) await once(call, 'drain');
        }
        call.end();
      })().catch((error: unknown) => call.destroy(Object.assign(new Error(grpcError(error).details), grpcError(error))));
    },
  };
}
