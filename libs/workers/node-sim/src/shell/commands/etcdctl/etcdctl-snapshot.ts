import { decodeSnapshot, type EtcdMessage, SnapshotError, snapshotStatus } from '@drydock/kube';
import { type EtcdctlArgs, isSet } from './etcdctl.args';
import { EXIT, fail, type EtcdctlContext, type EtcdctlResult, type Session, type ShellContext } from './etcdctl.command';
import { goJson, humanBytes, table, zapConsoleLine, zapJsonLine } from './etcdctl.format';

const CLIENT = 'v3@v3.5.21';
const DEFAULT_MEMBER = { clusterId: 'cdf818194e3a8c32', memberId: '8e9e05c52164694d' };

const parentOf = (path: string) => path.replace(/\/[^/]*$/, '') || '/';

/** `snapshot save FILE`: the member's snapshot stream written to FILE, with etcdctl 3.5's log lines on stderr. */
async function save(session: Session, file: string | undefined, ctx: ShellContext, context: EtcdctlContext): Promise<EtcdctlResult> {
  if (!file) return fail('snapshot save expects one argument', EXIT.badArgs);
  const path = ctx.fs.resolvePath(ctx.cwd, file);
  const part = `${file}.part`;
  if (!(await ctx.fs.exists(parentOf(path)))) return fail(`could not open ${part} (open ${part}: no such file or directory)`, EXIT.interrupted);
  let stderr = zapJsonLine(context.now(), { caller: 'snapshot/v3_snapshot.go:65', msg: 'created temporary db file', path: part });
  const started = Date.now();
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    const stream = session.client.serverStream('Maintenance', 'Snapshot', {});
    stream.on('data', (message: EtcdMessage) => chunks.push(message['blob'] as Buffer));
    stream.on('end', () => resolve());
    stream.on('error', reject);
    stderr += zapJsonLine(context.now(), { logger: 'client', caller: `${CLIENT}/maintenance.go:212`, msg: 'opened snapshot stream; downloading' });
    stderr += zapJsonLine(context.now(), { caller: 'snapshot/v3_snapshot.go:73', msg: 'fetching snapshot', endpoint: session.endpoint });
  });
  const content = Buffer.concat(chunks);
  stderr += zapJsonLine(context.now(), { logger: 'client', caller: `${CLIENT}/maintenance.go:220`, msg: 'completed snapshot read; closing' });
  await ctx.fs.writeFile(path, new Uint8Array(content));
  const seconds = (Date.now() - started) / 1000;
  stderr += zapJsonLine(context.now(), { caller: 'snapshot/v3_snapshot.go:88', msg: 'fetched snapshot', endpoint: session.endpoint, size: humanBytes(content.length), took: seconds < 1 ? 'now' : `${Math.floor(seconds)} second${Math.floor(seconds) === 1 ? '' : 's'} ago` });
  stderr += zapJsonLine(context.now(), { caller: 'snapshot/v3_snapshot.go:97', msg: 'saved', path: file });
  return { stdout: `Snapshot saved at ${file}\n`, stderr, exitCode: 0 };
}

async function readSnapshot(file: string, ctx: ShellContext): Promise<Buffer | EtcdctlResult> {
  const path = ctx.fs.resolvePath(ctx.cwd, file);
  if (!(await ctx.fs.exists(path))) return fail(`stat ${file}: no such file or directory`);
  return Buffer.from(await ctx.fs.readFileBuffer(path));
}

/** `snapshot status FILE`: hash, revision, total keys, total size (etcdutl's, as etcdctl 3.5 still runs it). */
async function status(args: EtcdctlArgs, file: string | undefined, ctx: ShellContext, program: Program): Promise<EtcdctlResult> {
  const deprecated = program === 'etcdctl' ? 'Deprecated: Use `etcdutl snapshot status` instead.\n\n' : '';
  if (!file) return { ...fail('snapshot status requires exactly one argument', EXIT.badArgs), stderr: `${deprecated}Error: snapshot status requires exactly one argument\n` };
  const bytes = await readSnapshot(file, ctx);
  if (!Buffer.isBuffer(bytes)) return { ...bytes, stderr: deprecated + bytes.stderr };
  let snapshot;
  try {
    snapshot = snapshotStatus(bytes);
  } catch {
    return { stdout: '', stderr: `${deprecated}Error: invalid database\n`, exitCode: EXIT.error };
  }
  const hash = snapshot.hash.toString(16);
  const row = [hash, String(snapshot.revision), String(snapshot.totalKey), humanBytes(snapshot.totalSize)];
  const format = args.flags.get('--write-out') ?? 'simple';
  if (format === 'table') return { stdout: table(['hash', 'revision', 'total keys', 'total size'], [row]), stderr: deprecated, exitCode: 0 };
  if (format === 'json') return { stdout: `${goJson({ hash: snapshot.hash, revision: snapshot.revision, totalKey: snapshot.totalKey, totalSize: snapshot.totalSize })}\n`, stderr: deprecated, exitCode: 0 };
  return { stdout: `${row.join(', ')}\n`, stderr: deprecated, exitCode: 0 };
}

/**
 * `snapshot restore FILE --data-dir DIR`: checks the file's hash and writes a new member's data directory
 * (`member/snap/db`: the snapshot; `member/wal/`), as etcdutl does. Nothing changes in the cluster until
 * the etcd static pod's manifest points its data volume at DIR (StaticPods restores the store then).
 */
async function restore(args: EtcdctlArgs, file: string | undefined, ctx: ShellContext, context: EtcdctlContext, program: Program): Promise<EtcdctlResult> {
  const deprecated = program === 'etcdctl' ? 'Deprecated: Use `etcdutl snapshot restore` instead.\n\n' : '';
  const failure = (message: string, code: number = EXIT.error) => ({ stdout: '', stderr: `${deprecated}Error: ${message}\n`, exitCode: code });
  if (!file) return failure('snapshot restore requires exactly one argument', EXIT.badArgs);
  const name = args.flags.get('--name') ?? 'default';
  const dataDir = args.flags.get('--data-dir') || `${name}.etcd`;
  const dir = ctx.fs.resolvePath(ctx.cwd, dataDir);
  const walDir = args.flags.get('--wal-dir') || `${dataDir}/member/wal`;
  const snapDir = `${dataDir}/member/snap`;
  const bytes = await readSnapshot(file, ctx);
  if (!Buffer.isBuffer(bytes)) return { ...bytes, stderr: deprecated + bytes.stderr };
  if ((await ctx.fs.exists(dir)) && (await ctx.fs.readdir(dir)).length > 0) return failure(`data-dir "${dataDir}" not empty or could not be read`);
  const fields = { path: file, 'wal-dir': walDir, 'data-dir': dataDir, 'snap-dir': snapDir, 'initial-memory-map-size': 0 };
  let stderr = deprecated + zapConsoleLine(context.now(), 'snapshot/v3_snapshot.go:265', 'restoring snapshot', fields);
  try {
    decodeSnapshot(bytes, { skipHashCheck: isSet(args, '--skip-hash-check') });
  } catch (error) {
    if (error instanceof SnapshotError) return { stdout: '', stderr: `${stderr}Error: ${error.message}\n`, exitCode: EXIT.error };
    return { stdout: '', stderr: `${stderr}Error: invalid database\n`, exitCode: EXIT.error };
  }
  await ctx.fs.mkdir(`${dir}/member/snap`, { recursive: true });
  await ctx.fs.mkdir(ctx.fs.resolvePath(ctx.cwd, walDir), { recursive: true });
  // etcdutl copies the database without the SHA-256 etcd appended to the stream.
  const database = bytes.length % 512 === 32 ? bytes.subarray(0, bytes.length - 32) : bytes;
  await ctx.fs.writeFile(`${dir}/member/snap/db`, new Uint8Array(database));
  await ctx.fs.writeFile(`${ctx.fs.resolvePath(ctx.cwd, walDir)}/0000000000000000-0000000000000000.wal`, new Uint8Array(Buffer.alloc(0)));
  const peerUrls = (args.flags.get('--initial-advertise-peer-urls') ?? 'http://localhost:2380').split(',');
  stderr += zapConsoleLine(context.now(), 'membership/store.go:138', 'Trimming membership information from the backend...');
  stderr += zapConsoleLine(context.now(), 'membership/cluster.go:421', 'added member', { 'cluster-id': DEFAULT_MEMBER.clusterId, 'local-member-id': '0', 'added-peer-id': DEFAULT_MEMBER.memberId, 'added-peer-peer-urls': peerUrls });
  stderr += zapConsoleLine(context.now(), 'snapshot/v3_snapshot.go:293', 'restored snapshot', fields);
  return { stdout: '', stderr, exitCode: 0 };
}

/** etcdctl 3.5 runs etcdutl's `snapshot status` and `restore` after a deprecation line; etcdutl itself has no `save`. */
type Program = 'etcdctl' | 'etcdutl';

export async function snapshotCommand(session: Session | undefined, args: EtcdctlArgs, rest: string[], ctx: ShellContext, context: EtcdctlContext, program: Program = 'etcdctl'): Promise<EtcdctlResult> {
  switch (rest[0]) {
    case 'save': return program === 'etcdctl' ? save(session!, rest[1], ctx, context) : fail(`unknown command "save" for "etcdutl snapshot"`);
    case 'status': return status(args, rest[1], ctx, program);
    case 'restore': return restore(args, rest[1], ctx, context, program);
    default: return fail(`unknown command "${rest[0] ?? ''}" for "${program} snapshot"`);
  }
}
