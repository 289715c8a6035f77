import { defineCommand, type Command } from 'just-bash';
import { addressesOf } from './cluster-dns';
import { DNS_TIMEOUT_MS, NetworkCommandContext, waitSimulated } from './http-backends';

/** busybox writes the server's port after a colon, BIND's nslookup (the dnsutils image) after a `#`. */
const header = (flavour: 'busybox' | 'bind') => `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10${flavour === 'bind' ? '#' : ':'}53\n\n`;

/** `nslookup NAME` (busybox's, or BIND's): the cluster DNS server, then the name's address or NXDOMAIN. */
export function nslookupCommand(context: NetworkCommandContext, flavour: 'busybox' | 'bind' = 'busybox'): Command {
  const HEADER = header(flavour);
  return defineCommand('nslookup', async (args, ctx) => {
    const name = args.find((arg) => !arg.startsWith('-'));
    if (!name) return { stdout: '', stderr: 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n', exitCode: 1 };
    // busybox's answer once its two 5 s attempts at the nameserver went unanswered (the server down, or NetworkPolicy dropping the queries).
    if (!context.network.dnsAnswers(context.pod?.())) {
      await waitSimulated(ctx, DNS_TIMEOUT_MS);
      return { stdout: ';; connection timed out; no servers could be reached\n\n', stderr: '', exitCode: 1 };
    }
    const destination = context.network.resolve(name, context.namespace);
    const addresses = destination ? addressesOf(destination) : [];
    if (!destination || addresses.length === 0) return { stdout: `${HEADER}** server can't find ${name}: NXDOMAIN\n\n`, stderr: '', exitCode: 1 };
    return { stdout: `${HEADER}${addresses.map((address) => `Name:\t${destination.fqdn}\nAddress: ${address}\n`).join('')}\n`, stderr: '', exitCode: 0 };
  });
}
