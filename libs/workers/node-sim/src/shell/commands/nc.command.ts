import { defineCommand, type Command } from 'just-bash';
import { connect, CONNECT_TIMEOUT_MS, DNS_TIMEOUT_MS, NetworkCommandContext, waitSimulated } from './http-backends';

/** busybox `nc -z [-v] HOST PORT`: whether something listens there (the port scan of probes and init containers); `-w SEC` bounds a connect NetworkPolicy drops. */
export function ncCommand(context: NetworkCommandContext): Command {
  return defineCommand('nc', async (args, ctx) => {
    const verbose = args.some((arg) => /^-[a-z]*v/.test(arg));
    let wait = 0;
    const operands: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if (/^-[a-z]*w$/.test(args[i])) wait = Number(args[++i]) * 1000;
      else if (/^-w\d+$/.test(args[i])) wait = Number(args[i].slice(2)) * 1000;
      else if (!args[i].startsWith('-')) operands.push(args[i]);
    }
    const [host, port] = operands;
    if (!host || !port) return { stdout: '', stderr: 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\n', exitCode: 1 };
    const connection = connect(context, host, Number(port));
    if (connection.kind === 'dns-timeout') await waitSimulated(ctx, DNS_TIMEOUT_MS);
    if (connection.kind === 'unresolved' || connection.kind === 'dns-timeout') return { stdout: '', stderr: `nc: bad address '${host}'\n`, exitCode: 1 };
    const where = `${host} (${connection.destination.address}:${port})`;
    if (connection.kind === 'dropped') {
      // -w arms an alarm around connect() (ETIMEDOUT faked); without it the kernel's SYN retries run out.
      await waitSimulated(ctx, wait > 0 && wait < CONNECT_TIMEOUT_MS ? wait : CONNECT_TIMEOUT_MS);
      return { stdout: '', stderr: verbose ? `nc: ${where}: Connection timed out\n` : '', exitCode: 1 };
    }
    if (connection.kind === 'refused') return { stdout: '', stderr: `nc: ${where}: Connection refused\n`, exitCode: 1 };
    return { stdout: '', stderr: verbose ? `${where} open\n` : '', exitCode: 0 };
  });
}
