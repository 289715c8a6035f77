/**
 * etcdctl's command line as cobra and pflag read it: flags anywhere, `--flag=value` or `--flag value`
 * for the flags that take one, the global flags also from ETCDCTL_* variables (etcdctl 3.5 reads
 * ETCDCTL_ENDPOINTS, ETCDCTL_CACERT… for every global flag).
 */
export interface EtcdctlArgs {
  positional: string[];
  flags: Map<string, string>;
}

const BOOLEAN = new Set([
  '--prefix', '--from-key', '--keys-only', '--count-only', '--print-value-only', '--prev-kv', '--hex', '--debug', '--insecure-transport',
  '--insecure-skip-tls-verify', '--insecure-discovery', '--interactive', '-i', '--ignore-value', '--ignore-lease', '--cluster', '--skip-hash-check',
  '--progress-notify', '--mark-compacted', '--keepalive-once', '--keys', '--physical', '--learner',
]);

const SHORT: Record<string, string> = { '-w': '--write-out', '-i': '--interactive' };

const GLOBAL_ENV: Record<string, string> = {
  ETCDCTL_ENDPOINTS: '--endpoints', ETCDCTL_CACERT: '--cacert', ETCDCTL_CERT: '--cert', ETCDCTL_KEY: '--key', ETCDCTL_WRITE_OUT: '--write-out',
  ETCDCTL_DIAL_TIMEOUT: '--dial-timeout', ETCDCTL_COMMAND_TIMEOUT: '--command-timeout', ETCDCTL_INSECURE_SKIP_TLS_VERIFY: '--insecure-skip-tls-verify',
};

export function parseEtcdctlArgs(args: string[], env: Record<string, string | undefined>): EtcdctlArgs | { error: string } {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (const [variable, flag] of Object.entries(GLOBAL_ENV)) if (env[variable]) flags.set(flag, env[variable]!);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const raw = equals > 0 ? arg.slice(0, equals) : arg;
    const name = SHORT[raw] ?? raw;
    if (equals > 0) flags.set(name, arg.slice(equals + 1));
    else if (BOOLEAN.has(name)) flags.set(name, 'true');
    else if (i + 1 < args.length) flags.set(name, args[++i]);
    else return { error: `flag needs an argument: ${arg}` };
  }
  return { positional, flags };
}

/** Whether a boolean flag is on (`--prefix`, `--prefix=true`). */
export const isSet = (args: EtcdctlArgs, flag: string) => ['true', '1', 't', 'T', 'TRUE', 'True'].includes(args.flags.get(flag) ?? '');

/** A Go duration flag (`5s`, `500ms`, `1m`) in milliseconds. */
export function durationFlag(args: EtcdctlArgs, flag: string, fallbackMs: number): number {
  const value = args.flags.get(flag);
  const match = value ? /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(value) : undefined;
  if (!match) return fallbackMs;
  return Number(match[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] as 'ms' | 's' | 'm' | 'h'];
}
