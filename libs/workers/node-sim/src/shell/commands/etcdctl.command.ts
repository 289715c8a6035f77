import { defineCommand, type Command } from 'just-bash';
import type { EtcdView } from '../../control-plane/etcd-view';

/** The single member of the control-plane node's etcd (IDs as etcd prints them, in hex). */
export interface EtcdMember {
  name: string;
  advertiseAddress: string;
}

const MEMBER_ID = '8e9e05c52164694d';
const CLUSTER_ID = 'cdf818194e3a8c32';
const VERSION = '3.6.5';

type Result = { stdout: string; stderr: string; exitCode: number };
const ok = (stdout: string): Result => ({ stdout, stderr: '', exitCode: 0 });
const fail = (message: string): Result => ({ stdout: '', stderr: `Error: ${message}\n`, exitCode: 1 });

/** Flags with a value (`--cacert x` or `--cacert=x`) are skipped wherever they are; what is left are the arguments. */
const VALUE_FLAGS = new Set(['--endpoints', '--cacert', '--cert', '--key', '--limit', '-w', '--write-out', '--dial-timeout', '--command-timeout', '--user', '--password']);

function parse(args: string[]): { positional: string[]; flags: Map<string, string> } {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('-')) positional.push(arg);
    else if (arg.includes('=')) flags.set(arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1));
    else if (VALUE_FLAGS.has(arg)) flags.set(arg, args[++i] ?? '');
    else flags.set(arg, 'true');
  }
  return { positional, flags };
}

const header = (revision: number) => ({ cluster_id: parseInt(CLUSTER_ID.slice(0, 12), 16), member_id: parseInt(MEMBER_ID.slice(0, 12), 16), revision, raft_term: 2 });

async function get(view: EtcdView, positional: string[], flags: Map<string, string>): Promise<Result> {
  const [key] = positional;
  if (!key) return fail('get command needs one argument as key and an optional argument as range_end');
  const range = await view.range(key, flags.get('--prefix') === 'true' || key === '' );
  const limit = Number(flags.get('--limit') ?? 0);
  const kvs = limit > 0 ? range.kvs.slice(0, limit) : range.kvs;
  const format = flags.get('-w') ?? flags.get('--write-out') ?? 'simple';
  if (format === 'json') {
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    const json = { header: header(range.revision), kvs: kvs.map((kv) => ({ key: b64(kv.key), create_revision: kv.modRevision, mod_revision: kv.modRevision, version: 1, ...(flags.get('--keys-only') === 'true' ? {} : { value: b64(kv.value) }) })), ...(limit > 0 && range.kvs.length > limit ? { more: true } : {}), count: range.kvs.length };
    return ok(`${JSON.stringify(json)}\n`);
  }
  if (flags.get('--count-only') === 'true') return ok('');
  if (flags.get('--keys-only') === 'true') return ok(kvs.map((kv) => `${kv.key}\n\n`).join(''));
  if (flags.get('--print-value-only') === 'true') return ok(kvs.map((kv) => `${kv.value}\n`).join(''));
  return ok(kvs.map((kv) => `${kv.key}\n${kv.value}\n`).join(''));
}

/**
 * etcdctl (API v3) in the etcd pod, over Drydock's store read as etcd's key space (see EtcdView): get
 * (--prefix, --keys-only, --print-value-only, --limit, -w json), endpoint health|status, member list,
 * version. The certificate flags are accepted (the notes always pass them); writes are refused.
 */
export function etcdctlCommand(view: EtcdView, member: EtcdMember): Command {
  return defineCommand('etcdctl', async (args) => {
    const { positional, flags } = parse(args);
    const endpoint = (flags.get('--endpoints') ?? '127.0.0.1:2379').split(',')[0];
    const [verb, ...rest] = positional;
    switch (verb) {
      case 'get': return get(view, rest, flags);
      case 'version': return ok(`etcdctl version: ${VERSION}\nAPI version: 3.6\n`);
      case 'member':
        if (rest[0] !== 'list') return fail('unknown command "member ' + (rest[0] ?? '') + '"');
        return ok(`${MEMBER_ID}, started, ${member.name}, https://${member.advertiseAddress}:2380, https://${member.advertiseAddress}:2379, false\n`);
      case 'endpoint': {
        if (rest[0] === 'health') return ok(`${endpoint} is healthy: successfully committed proposal: took = 1.840623ms\n`);
        if (rest[0] === 'status') {
          const { revision } = await view.range('/registry/namespaces/', true);
          return ok(`${endpoint}, ${MEMBER_ID}, ${VERSION}, 3.6.5, 4.2 MB, 2.1 MB, 50%, 0 B, true, false, 2, ${revision}, ${revision}, , , false\n`);
        }
        return fail(`unknown command "endpoint ${rest[0] ?? ''}"`);
      }
      case 'put': case 'del': case 'txn': case 'compaction': case 'defrag':
        return fail(`${verb}: writes through etcd's API are not served by Drydock's store (use the Kubernetes API)`);
      case undefined: return ok('NAME:\n\tetcdctl - A simple command line client for etcd3.\n\nUSAGE:\n\tetcdctl [flags]\n');
      default: return fail(`unknown command "${verb}" for "etcdctl"`);
    }
  });
}
