import { defineCommand, type Command } from 'just-bash';
import { addressesOf } from './cluster-dns';
import { strftime } from './date.command';
import { DNS_TIMEOUT_MS, NetworkCommandContext, waitSimulated } from './http-backends';

const SERVER = '10.96.0.10';
const VERSION = '9.9.5-9+deb8u19-Debian';
/** The kubernetes plugin's record TTL in kubeadm's Corefile (`ttl 30`). */
const TTL = 30;

/** BIND's text columns (masterdump's 24/32/40 and 48): each field starts with tabs at its column, or one space once past it. */
function columns(fields: string[], stops: number[]): string {
  let out = fields[0];
  let at = fields[0].length;
  fields.slice(1).forEach((field, index) => {
    if (at >= stops[index]) {
      out += ' ';
      at += 1;
    }
    while (at < stops[index]) {
      out += '\t';
      at = (Math.floor(at / 8) + 1) * 8;
    }
    out += field;
    at += field.length;
  });
  return out;
}

const record = (owner: string, type: string, data: string) => columns([owner, String(TTL), 'IN', type, data], [24, 32, 40, 48]);

/** The wire size of the answer (header, question, compressed answers, the EDNS OPT record), for `MSG SIZE rcvd`. */
function messageSize(name: string, answers: number, nxdomain: boolean): number {
  const wireName = name.split('.').filter(Boolean).reduce((size, label) => size + label.length + 1, 1);
  // The SOA of cluster.local. in the authority section of an NXDOMAIN: pointer owner, 10 bytes of fixed fields, its rdata.
  const soa = 2 + 10 + ('ns.dns.cluster.local.'.length + 1) + ('hostmaster.cluster.local.'.length + 1) + 20;
  return 12 + wireName + 4 + answers * 16 + (nxdomain ? soa : 0) + 11;
}

/**
 * dig from the dnsutils image (BIND 9.9): one A query of the name as given (dig uses no search list
 * unless `+search`), the reply in dig's sections, or only the addresses with `+short`.
 */
export function digCommand(context: NetworkCommandContext, now: () => Date): Command {
  return defineCommand('dig', async (args, ctx) => {
    const short = args.includes('+short');
    const search = args.includes('+search');
    const query = args.find((arg) => !arg.startsWith('+') && !arg.startsWith('@') && !arg.startsWith('-') && arg.toUpperCase() !== 'A' && arg.toUpperCase() !== 'IN') ?? '.';
    if (!context.network.dnsAnswers(context.pod?.())) {
      await waitSimulated(ctx, DNS_TIMEOUT_MS);
      return { stdout: `${short ? '' : `\n; <<>> DiG ${VERSION} <<>> ${args.join(' ')}\n;; global options: +cmd\n`};; connection timed out; no servers could be reached\n`, stderr: '', exitCode: 9 };
    }
    const qualified = query.toLowerCase().endsWith('.') || !search ? query.replace(/\.$/, '') : query;
    const destination = search || qualified.endsWith('.cluster.local') ? context.network.resolve(qualified, context.namespace) : undefined;
    const addresses = destination ? addressesOf(destination) : [];
    const name = `${destination?.fqdn ?? qualified}.`;
    if (short) return { stdout: addresses.map((address) => `${address}\n`).join(''), stderr: '', exitCode: 0 };
    const nxdomain = addresses.length === 0;
    const lines = [
      '',
      `; <<>> DiG ${VERSION} <<>> ${args.join(' ')}`,
      ';; global options: +cmd',
      ';; Got answer:',
      `;; ->>HEADER<<- opcode: QUERY, status: ${nxdomain ? 'NXDOMAIN' : 'NOERROR'}, id: ${1 + Math.floor(Math.random() * 65_534)}`,
      `;; flags: qr aa rd; QUERY: 1, ANSWER: ${addresses.length}, AUTHORITY: ${nxdomain ? 1 : 0}, ADDITIONAL: 1`,
      ';; WARNING: recursion requested but not available',
      '',
      ';; OPT PSEUDOSECTION:',
      '; EDNS: version: 0, flags:; udp: 4096',
      ';; QUESTION SECTION:',
      columns([`;${name}`, 'IN', 'A'], [32, 40]),
      '',
      ...(nxdomain
        ? [';; AUTHORITY SECTION:', record('cluster.local.', 'SOA', `ns.dns.cluster.local. hostmaster.cluster.local. 1700000000 7200 1800 86400 ${TTL}`)]
        : [';; ANSWER SECTION:', ...addresses.map((address) => record(name, 'A', address))]),
      '',
      ';; Query time: 0 msec',
      `;; SERVER: ${SERVER}#53(${SERVER})`,
      `;; WHEN: ${strftime('%a %b %d %H:%M:%S %Z %Y', now())}`,
      `;; MSG SIZE  rcvd: ${messageSize(name, addresses.length, nxdomain)}`,
      '',
      '',
    ];
    return { stdout: lines.join('\n'), stderr: '', exitCode: 0 };
  });
}
