import { defineCommand, type Command } from 'just-bash';
import { connect, NetworkCommandContext } from './http-backends';

/** busybox `nc -z [-v] HOST PORT`: whether something listens there (the port scan of probes and init containers). */
export function ncCommand(context: NetworkCommandContext): Command {
  return defineCommand('nc', async (args) => {
    const verbose = args.some((arg) => /^-[a-z]*v/.test(arg));
    const [host, port] = args.filter((arg) => !arg.startsWith('-'));
    if (!host || !port) return { stdout: '', stderr: 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\n', exitCode: 1 };
    const connection = connect(context, host, Number(port));
    if (connection.kind === 'unresolved') return { stdout: '', stderr: `nc: bad address '${host}'\n`, exitCode: 1 };
    const where = `${host} (${connection.destination.address}:${port})`;
    if (connection.kind === 'refused') return { stdout: '', stderr: `nc: ${where}: Connection refused\n`, exitCode: 1 };
    return { stdout: '', stderr: verbose ? `${where} open\n` : '', exitCode: 0 };
  });
}
