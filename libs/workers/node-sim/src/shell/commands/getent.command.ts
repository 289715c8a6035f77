import { defineCommand, type Command } from 'just-bash';
import { addressesOf, HostsEntry, parseHosts } from './cluster-dns';
import { DNS_TIMEOUT_MS, NetworkCommandContext, waitSimulated } from './http-backends';

/** What gethostbyname answers: the canonical name, its aliases and addresses. */
interface HostEnt {
  name: string;
  aliases: string[];
  addresses: string[];
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const NOT_FOUND = { stdout: '', stderr: '', exitCode: 2 };

/**
 * glibc's `getent hosts|ahosts [KEY…]`: /etc/hosts first (an IPv6 line before an IPv4 one, as
 * getent asks for AF_INET6 first), then cluster DNS with the search list of resolv.conf. Exit code 2
 * when a key is not found, as getent.
 */
export function getentCommand(context: NetworkCommandContext): Command {
  return defineCommand('getent', async (args, ctx) => {
    const [database, ...keys] = args;
    if (database !== 'hosts' && database !== 'ahosts') {
      return { stdout: '', stderr: database ? `Unknown database: ${database}\nTry \`getent --help' or \`getent --usage' for more information.\n` : 'getent: wrong number of arguments\nTry `getent --help\' or `getent --usage\' for more information.\n', exitCode: 1 };
    }
    const hosts = parseHosts(await ctx.fs.readFile('/etc/hosts').catch(() => ''));
    if (keys.length === 0) return { stdout: database === 'hosts' ? hosts.map((entry) => hostLines({ name: entry.names[0], aliases: entry.names.slice(1), addresses: [entry.address] })).join('') : '', stderr: '', exitCode: 0 };
    let stdout = '';
    let exitCode = 0;
    for (const key of keys) {
      const found = fromHosts(hosts, key) ?? (await fromDns(context, key, ctx));
      if (!found) exitCode = 2;
      else stdout += database === 'hosts' ? hostLines(found) : addrinfoLines(found);
    }
    return exitCode === 2 && !stdout ? NOT_FOUND : { stdout, stderr: '', exitCode };
  });
}

function fromHosts(hosts: HostsEntry[], key: string): HostEnt | undefined {
  const matching = hosts.filter((entry) => (IPV4.test(key) || key.includes(':') ? entry.address === key : entry.names.some((name) => name.toLowerCase() === key.toLowerCase())));
  const entry = matching.find((candidate) => candidate.address.includes(':')) ?? matching[0];
  return entry && { name: entry.names[0], aliases: entry.names.slice(1), addresses: [entry.address] };
}

async function fromDns(context: NetworkCommandContext, key: string, ctx: { sleep?: (ms: number) => Promise<void> }): Promise<HostEnt | undefined> {
  if (IPV4.test(key)) return undefined;
  if (!context.network.dnsAnswers(context.pod?.())) {
    // glibc's resolver: 5 s per attempt, 2 attempts, then "not found".
    await waitSimulated(ctx, DNS_TIMEOUT_MS);
    return undefined;
  }
  const destination = context.network.resolve(key, context.namespace);
  const addresses = destination ? addressesOf(destination) : [];
  return destination && addresses.length ? { name: destination.fqdn, aliases: [], addresses } : undefined;
}

/** print_hosts: `printf ("%-15s %s", ip, h_name)`, then each alias after a space. */
function hostLines(host: HostEnt): string {
  return host.addresses.map((address) => `${address.padEnd(15)} ${[host.name, ...host.aliases].join(' ')}\n`).join('');
}

/** print_addrinfo: `printf ("%-15s %-6s %s\n", ip, socktype, canonname)`, STREAM, DGRAM and RAW per address, the name on the first only. */
function addrinfoLines(host: HostEnt): string {
  return host.addresses.flatMap((address, index) => ['STREAM', 'DGRAM', 'RAW'].map((type, n) => `${address.padEnd(15)} ${type.padEnd(6)} ${index === 0 && n === 0 ? host.name : ''}\n`)).join('');
}
