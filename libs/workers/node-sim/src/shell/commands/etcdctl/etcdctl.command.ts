import { defineCommand, latin1FromBytes, type Command } from 'just-bash';
import type { EtcdClient, EtcdMessage } from '@drydock/kube';
import { STDERR_PATH, STDOUT_PATH } from '../../stream-output.transform';
import { durationFlag, type EtcdctlArgs, isSet, parseEtcdctlArgs } from './etcdctl.args';
import { goDuration, goJson, humanBytes, table, Uint64 } from './etcdctl.format';
import { snapshotCommand } from './etcdctl-snapshot';

/** etcdctl's version: 3.5, the release the study notes use (3.6 dropped `snapshot restore` and `status` for etcdutl). */
export const ETCDCTL_VERSION = '3.5.21';

/** What etcdctl needs from the simulated world. */
export interface EtcdctlContext {
  /**
   * A client of Drydock's etcd endpoint for an endpoint as typed (`https://127.0.0.1:2379`), or undefined
   * when nothing listens there (another address, or no endpoint served).
   */
  connect(endpoint: string): EtcdClient | undefined;
  /** The etcd CA's certificate: a --cacert with other content does not verify the member. */
  caCert(): Buffer | undefined;
  now(): Date;
}

/** stdout is latin1-shaped bytes (values are whatever bytes etcd holds: protobuf for built-in kinds). */
export type EtcdctlResult = { stdout: string; stderr: string; exitCode: number; stdoutKind?: 'bytes' };
export type ShellContext = Parameters<Parameters<typeof defineCommand>[1]>[1];

/** cobrautl's exit codes. */
export const EXIT = { error: 1, badConnection: 2, badFeature: 4, interrupted: 5, badArgs: 128 } as const;
export const fail = (message: string, exitCode: number = EXIT.error): EtcdctlResult => ({ stdout: '', stderr: `Error: ${message}\n`, exitCode });
const ok = (stdout: string, stderr = ''): EtcdctlResult => ({ stdout, stderr, exitCode: 0, stdoutKind: 'bytes' });

/** A connected etcdctl: the client, the endpoint as typed, and the output format. */
export interface Session {
  client: EtcdClient;
  endpoint: string;
  format: string;
  timeoutMs: number;
}

const u64 = (value: unknown) => new Uint64(String(value ?? '0'));
const nonZero = (value: unknown) => (value !== undefined && value !== null && String(value) !== '0' ? u64(value) : undefined);
export const hex = (value: unknown) => BigInt(String(value ?? '0')).toString(16);

/** pb.ResponseHeader as Go's json prints it (zero fields left out). */
function headerJson(header: EtcdMessage | undefined) {
  return { cluster_id: nonZero(header?.['cluster_id']), member_id: nonZero(header?.['member_id']), revision: nonZero(header?.['revision']), raft_term: nonZero(header?.['raft_term']) };
}

function kvJson(kv: EtcdMessage) {
  const bytes = (value: unknown) => (Buffer.isBuffer(value) && value.length > 0 ? value : undefined);
  return { key: bytes(kv['key']), create_revision: nonZero(kv['create_revision']), mod_revision: nonZero(kv['mod_revision']), version: nonZero(kv['version']), value: bytes(kv['value']), lease: nonZero(kv['lease']) };
}

function printKv(kv: EtcdMessage, valueOnly = false): string {
  const text = (value: unknown) => (Buffer.isBuffer(value) ? value.toString('latin1') : '');
  return `${valueOnly ? '' : `${text(kv['key'])}\n`}${text(kv['value'])}\n`;
}

/** The key just past every key with this prefix (clientv3.GetPrefixRangeEnd); `\0` when there is none. */
function prefixEnd(key: Buffer): Buffer {
  const end = Buffer.from(key);
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i] < 0xff) {
      end[i]++;
      return end.subarray(0, i + 1);
    }
  }
  return Buffer.from([0]);
}

/** The key range of get, del and watch: KEY [END], --prefix, --from-key (an empty key with either means every key). */
function keyRange(args: EtcdctlArgs, positional: string[]): { key: Buffer; range_end?: Buffer } | EtcdctlResult {
  const prefix = isSet(args, '--prefix');
  const fromKey = isSet(args, '--from-key');
  if (prefix && fromKey) return fail('`--prefix` and `--from-key` cannot be set at the same time, choose one', EXIT.badArgs);
  if (positional.length > 1 && (prefix || fromKey)) return fail('too many arguments, only accept one argument when `--prefix` or `--from-key` is set', EXIT.badArgs);
  const key = Buffer.from(positional[0], 'latin1');
  if (positional.length > 1) return { key, range_end: Buffer.from(positional[1], 'latin1') };
  if ((prefix || fromKey) && key.length === 0) return { key: Buffer.from([0]), range_end: Buffer.from([0]) };
  if (prefix) return { key, range_end: prefixEnd(key) };
  if (fromKey) return { key, range_end: Buffer.from([0]) };
  return { key };
}

async function get(session: Session, args: EtcdctlArgs, positional: string[]): Promise<EtcdctlResult> {
  if (positional.length === 0) return fail('get command needs one argument as key and an optional argument as range_end', EXIT.badArgs);
  if (isSet(args, '--keys-only') && isSet(args, '--count-only')) return fail('`--keys-only` and `--count-only` cannot be set at the same time, choose one', EXIT.badArgs);
  const range = keyRange(args, positional);
  if ('exitCode' in range) return range;
  const order = (args.flags.get('--order') ?? '').toUpperCase();
  const target = (args.flags.get('--sort-by') ?? '').toUpperCase();
  if (order && !['ASCEND', 'DESCEND'].includes(order)) return fail(`bad sort order ${args.flags.get('--order')}`, EXIT.badFeature);
  if (target && !['CREATE', 'KEY', 'MODIFY', 'VALUE', 'VERSION'].includes(target)) return fail(`bad sort target ${args.flags.get('--sort-by')}`, EXIT.badFeature);
  const response = await session.client.unary('KV', 'Range', {
    ...range,
    limit: args.flags.get('--limit') ?? '0',
    revision: args.flags.get('--rev') ?? '0',
    sort_order: order || 'NONE',
    sort_target: target === 'MODIFY' ? 'MOD' : target || 'KEY',
    serializable: args.flags.get('--consistency') === 's',
    keys_only: isSet(args, '--keys-only'),
    count_only: isSet(args, '--count-only'),
  }, session.timeoutMs);
  if (isSet(args, '--count-only') && session.format !== 'fields') return fail('--count-only is only for `--write-out=fields`', EXIT.badArgs);
  if (isSet(args, '--print-value-only') && session.format !== 'simple') return fail('print-value-only is only for `--write-out=simple`', EXIT.badArgs);
  const kvs = (response['kvs'] as EtcdMessage[]) ?? [];
  if (session.format === 'json') {
    return ok(`${goJson({ header: headerJson(response['header'] as EtcdMessage), kvs: kvs.length ? kvs.map(kvJson) : undefined, more: response['more'] ? true : undefined, count: nonZero(response['count']) })}\n`);
  }
  return ok(kvs.map((kv) => printKv(kv, isSet(args, '--print-value-only'))).join(''));
}

async function put(session: Session, args: EtcdctlArgs, positional: string[], stdin: string): Promise<EtcdctlResult> {
  if (positional.length === 0) return fail('put command needs 1 argument and input from stdin or 2 arguments', EXIT.badArgs);
  const value = positional.length > 1 ? positional[1] : stdin;
  if (positional.length === 1 && !stdin) return fail('put command needs 1 argument and input from stdin or 2 arguments', EXIT.badArgs);
  const lease = args.flags.get('--lease');
  const response = await session.client.unary('KV', 'Put', { key: Buffer.from(positional[0], 'latin1'), value: Buffer.from(value, 'latin1'), lease: lease ? BigInt(`0x${lease}`).toString() : '0', prev_kv: isSet(args, '--prev-kv') }, session.timeoutMs);
  if (session.format === 'json') return ok(`${goJson({ header: headerJson(response['header'] as EtcdMessage), prev_kv: response['prev_kv'] ? kvJson(response['prev_kv'] as EtcdMessage) : undefined })}\n`);
  return ok(`OK\n${response['prev_kv'] ? printKv(response['prev_kv'] as EtcdMessage) : ''}`);
}

async function del(session: Session, args: EtcdctlArgs, positional: string[]): Promise<EtcdctlResult> {
  if (positional.length === 0) return fail('del command needs one argument as key and an optional argument as range_end', EXIT.badArgs);
  const range = keyRange(args, positional);
  if ('exitCode' in range) return range;
  const response = await session.client.unary('KV', 'DeleteRange', { ...range, prev_kv: isSet(args, '--prev-kv') }, session.timeoutMs);
  const previous = (response['prev_kvs'] as EtcdMessage[]) ?? [];
  if (session.format === 'json') return ok(`${goJson({ header: headerJson(response['header'] as EtcdMessage), deleted: nonZero(response['deleted']), prev_kvs: previous.length ? previous.map(kvJson) : undefined })}\n`);
  return ok(`${String(response['deleted'] ?? 0)}\n${previous.map((kv) => printKv(kv)).join('')}`);
}

/** `watch KEY [END] [--prefix] [--rev N] [--prev-kv]`: events as they come, until Ctrl-C or the stream closes. */
async function watch(session: Session, args: EtcdctlArgs, positional: string[], ctx: ShellContext): Promise<EtcdctlResult> {
  if (positional.length === 0) return fail('watch in non-interactive mode requires one or two arguments as key or prefix, with range end', EXIT.badArgs);
  const range = keyRange(args, positional);
  if ('exitCode' in range) return range;
  const stream = session.client.duplex('Watch', 'Watch');
  const write = (path: string, text: string) => void ctx.fs.appendFile(path, text, 'latin1');
  const done = new Promise<EtcdctlResult>((resolve) => {
    const stop = () => {
      stream.cancel();
      resolve({ stdout: '', stderr: '', exitCode: 130 });
    };
    if (ctx.signal?.aborted) return stop();
    ctx.signal?.addEventListener('abort', stop, { once: true });
    stream.on('data', (response: EtcdMessage) => {
      if (response['canceled']) {
        write(STDERR_PATH, `watch was canceled (etcdserver: ${String(response['cancel_reason'] || 'mvcc: required revision has been compacted').replace(/^etcdserver: /, '')})\n`);
        stream.cancel();
        return resolve(fail('watch is canceled by the server', EXIT.interrupted));
      }
      const events = (response['events'] as EtcdMessage[]) ?? [];
      if (session.format === 'json' && events.length) write(STDOUT_PATH, `${goJson({ Header: headerJson(response['header'] as EtcdMessage), Events: events.map((event) => ({ type: event['type'] === 'DELETE' ? 1 : undefined, kv: kvJson(event['kv'] as EtcdMessage), prev_kv: event['prev_kv'] ? kvJson(event['prev_kv'] as EtcdMessage) : undefined })), CompactRevision: 0, Canceled: false, Created: false })}\n`);
      else if (events.length) write(STDOUT_PATH, events.map((event) => `${String(event['type'])}\n${event['prev_kv'] ? printKv(event['prev_kv'] as EtcdMessage) : ''}${printKv(event['kv'] as EtcdMessage)}`).join(''));
    });
    stream.on('error', () => resolve(fail('watch is canceled by the server', EXIT.interrupted)));
  });
  stream.write({ create_request: { ...range, start_revision: args.flags.get('--rev') ?? '0', prev_kv: isSet(args, '--prev-kv'), progress_notify: isSet(args, '--progress-notify') } });
  return done;
}

async function memberList(session: Session): Promise<EtcdctlResult> {
  const response = await session.client.unary('Cluster', 'MemberList', { linearizable: true }, session.timeoutMs);
  const members = (response['members'] as EtcdMessage[]) ?? [];
  const rows = members.map((m) => [hex(m['ID']), (m['name'] as string) ? 'started' : 'unstarted', String(m['name'] ?? ''), ((m['peerURLs'] as string[]) ?? []).join(','), ((m['clientURLs'] as string[]) ?? []).join(','), String(!!m['isLearner'])]);
  if (session.format === 'table') return ok(table(['ID', 'Status', 'Name', 'Peer Addrs', 'Client Addrs', 'Is Learner'], rows));
  if (session.format === 'json') {
    const header = response['header'] as EtcdMessage;
    return ok(`${goJson({ header: headerJson(header), members: members.map((m) => ({ ID: u64(m['ID']), name: m['name'] || undefined, peerURLs: (m['peerURLs'] as string[])?.length ? m['peerURLs'] : undefined, clientURLs: (m['clientURLs'] as string[])?.length ? m['clientURLs'] : undefined, isLearner: m['isLearner'] ? true : undefined })) })}\n`);
  }
  return ok(rows.map((row) => `${row.join(', ')}\n`).join(''));
}

async function endpoint(session: Session, sub: string | undefined): Promise<EtcdctlResult> {
  if (sub === 'health') {
    const started = process.hrtime.bigint();
    let error = '';
    await session.client.unary('KV', 'Range', { key: Buffer.from('health') }, session.timeoutMs).catch((e: Error & { details?: string }) => {
      if (!/permission denied/.test(e.details ?? '')) error = e.details ?? e.message;
    });
    const took = goDuration(Number(process.hrtime.bigint() - started));
    const healthy = !error;
    if (session.format === 'json') return { stdout: `${goJson([{ endpoint: session.endpoint, health: healthy, took, ...(error ? { error } : {}) }])}\n`, stderr: '', exitCode: healthy ? 0 : 1 };
    if (session.format === 'table') return { stdout: table(['endpoint', 'health', 'took', 'error'], [[session.endpoint, String(healthy), took, error]]), stderr: '', exitCode: healthy ? 0 : 1 };
    if (healthy) return ok('', `${session.endpoint} is healthy: successfully committed proposal: took = ${took}\n`);
    return { stdout: '', stderr: `${session.endpoint} is unhealthy: failed to commit proposal: ${error}Error: unhealthy cluster\n`, exitCode: 1 };
  }
  if (sub === 'status') {
    const status = await session.client.unary('Maintenance', 'Status', {}, session.timeoutMs);
    const header = status['header'] as EtcdMessage;
    const row = [session.endpoint, hex(header['member_id']), String(status['version']), humanBytes(Number(status['dbSize'] ?? 0)), String(String(status['leader']) === String(header['member_id'])), String(!!status['isLearner']), String(status['raftTerm']), String(status['raftIndex']), String(status['raftAppliedIndex']), ((status['errors'] as string[]) ?? []).join(', ')];
    if (session.format === 'table') return ok(table(['endpoint', 'ID', 'version', 'db size', 'is leader', 'is learner', 'raft term', 'raft index', 'raft applied index', 'errors'], [row]));
    if (session.format === 'json') {
      return ok(`${goJson([{ Endpoint: session.endpoint, Status: { header: headerJson(header), version: status['version'], dbSize: nonZero(status['dbSize']), leader: nonZero(status['leader']), raftIndex: nonZero(status['raftIndex']), raftTerm: nonZero(status['raftTerm']), raftAppliedIndex: nonZero(status['raftAppliedIndex']), dbSizeInUse: nonZero(status['dbSizeInUse']) } }])}\n`);
    }
    return ok(`${row.join(', ')}\n`);
  }
  if (sub === 'hashkv') {
    const response = await session.client.unary('Maintenance', 'HashKV', { revision: '0' }, session.timeoutMs);
    if (session.format === 'table') return ok(table(['endpoint', 'hash'], [[session.endpoint, String(response['hash'])]]));
    return ok(`${session.endpoint}, ${String(response['hash'])}\n`);
  }
  return fail(`unknown command "${sub ?? ''}" for "etcdctl endpoint"`);
}

/** Checks the certificate flags as the TLS handshake would; undefined when they let the client in. */
async function checkTls(args: EtcdctlArgs, ctx: ShellContext, context: EtcdctlContext): Promise<EtcdctlResult | 'refused' | undefined> {
  const files: Record<string, Buffer | undefined> = {};
  for (const flag of ['--cacert', '--cert', '--key']) {
    const path = args.flags.get(flag);
    if (!path) continue;
    const resolved = ctx.fs.resolvePath(ctx.cwd, path);
    if (!(await ctx.fs.exists(resolved))) return fail(`open ${path}: no such file or directory`, EXIT.badArgs);
    files[flag] = Buffer.from(await ctx.fs.readFileBuffer(resolved));
  }
  if (args.flags.has('--cert') !== args.flags.has('--key')) return fail(args.flags.has('--cert') ? 'KeyFile and CertFile must both be present[key: , cert: ' + args.flags.get('--cert') + ']' : 'KeyFile and CertFile must both be present[key: ' + args.flags.get('--key') + ', cert: ]', EXIT.badArgs);
  // The member requires a client certificate (--client-cert-auth) and is known by the etcd CA only.
  if (!files['--cert'] || !files['--key']) return 'refused';
  const ca = context.caCert();
  if (!isSet(args, '--insecure-skip-tls-verify') && (!files['--cacert'] || !ca || !files['--cacert'].equals(ca))) return 'refused';
  return undefined;
}

/** What etcdctl prints when no connection comes up within the dial timeout. */
async function deadlineExceeded(args: EtcdctlArgs, ctx: ShellContext): Promise<EtcdctlResult> {
  await ctx.sleep?.(durationFlag(args, '--dial-timeout', 2000) + 3000);
  return fail('context deadline exceeded');
}

async function run(context: EtcdctlContext, args: EtcdctlArgs, ctx: ShellContext): Promise<EtcdctlResult> {
  const [verb, ...rest] = args.positional;
  if (verb === undefined) return ok('NAME:\n\tetcdctl - A simple command line client for etcd3.\n\nUSAGE:\n\tetcdctl [flags]\n\nVERSION:\n\t' + ETCDCTL_VERSION + '\n\nAPI VERSION:\n\t3.5\n');
  if (verb === 'version') return ok(`etcdctl version: ${ETCDCTL_VERSION}\nAPI version: 3.5\n`);
  if (verb === 'snapshot' && rest[0] !== 'save') return snapshotCommand(undefined, args, rest, ctx, context);
  if (!['get', 'put', 'del', 'watch', 'member', 'endpoint', 'snapshot'].includes(verb)) return { stdout: '', stderr: `Error: unknown command "${verb}" for "etcdctl"\nRun 'etcdctl --help' for usage.\n`, exitCode: 1 };
  const format = args.flags.get('--write-out') ?? 'simple';
  if (!['simple', 'json', 'table', 'fields', 'protobuf'].includes(format)) return fail(`unknown output format "${format}"`, EXIT.badArgs);
  const endpoints = (args.flags.get('--endpoints') ?? '127.0.0.1:2379').split(',');
  const tls = await checkTls(args, ctx, context);
  if (tls && tls !== 'refused') return tls;
  const client = tls === 'refused' ? undefined : context.connect(endpoints[0]);
  if (!client) return deadlineExceeded(args, ctx);
  const session: Session = { client, endpoint: endpoints[0], format, timeoutMs: durationFlag(args, '--command-timeout', 5000) };
  try {
    switch (verb) {
      case 'get': return await get(session, args, rest);
      case 'put': return await put(session, args, rest, ctx.stdin ? latin1FromBytes(ctx.stdin) : '');
      case 'del': return await del(session, args, rest);
      case 'watch': return await watch(session, args, rest, ctx);
      case 'member': return rest[0] === 'list' ? await memberList(session) : fail(`unknown command "${rest[0] ?? ''}" for "etcdctl member"`);
      case 'endpoint': return await endpoint(session, rest[0]);
      default: return await snapshotCommand(session, args, rest, ctx, context);
    }
  } catch (error) {
    const grpc = error as Error & { code?: number; details?: string };
    if (grpc.code === 4 || grpc.code === 14) return fail(grpc.code === 4 ? 'context deadline exceeded' : `rpc error: code = Unavailable desc = ${grpc.details ?? ''}`, grpc.code === 14 ? EXIT.badConnection : EXIT.error);
    return fail(grpc.details ?? grpc.message);
  } finally {
    client.close();
  }
}

/**
 * etcdctl 3.5 (API v3) in the etcd pod and on the control-plane node, against the etcd endpoint Drydock
 * serves over its store (the same one a host etcdctl reaches): get, put, del, watch, member list,
 * endpoint health|status|hashkv, snapshot save|status|restore, version. The certificate flags are
 * checked as the member's TLS would (files present, the etcd CA, a client certificate given).
 */
export function etcdctlCommand(context: EtcdctlContext): Command {
  return defineCommand('etcdctl', async (argv, ctx) => {
    const parsed = parseEtcdctlArgs(argv, Object.fromEntries(ctx.env));
    if ('error' in parsed) return fail(parsed.error, EXIT.badArgs);
    return run(context, parsed, ctx);
  });
}

/** etcdutl 3.5, the offline half the etcd image ships with etcdctl: `snapshot status|restore`, `version`. */
export function etcdutlCommand(context: EtcdctlContext): Command {
  return defineCommand('etcdutl', async (argv, ctx) => {
    const parsed = parseEtcdctlArgs(argv, {});
    if ('error' in parsed) return fail(parsed.error, EXIT.badArgs);
    const [verb, ...rest] = parsed.positional;
    if (verb === 'version') return ok(`etcdutl version: ${ETCDCTL_VERSION}\nAPI version: 3.5\n`);
    if (verb === 'snapshot') return snapshotCommand(undefined, parsed, rest, ctx, context, 'etcdutl');
    return { stdout: '', stderr: `Error: unknown command "${verb ?? ''}" for "etcdutl"\nRun 'etcdutl --help' for usage.\n`, exitCode: 1 };
  });
}
