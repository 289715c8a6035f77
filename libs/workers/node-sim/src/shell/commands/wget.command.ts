import { defineCommand, type Command } from 'just-bash';
import { exchange } from './http-exchange';
import { connect, CONNECT_TIMEOUT_MS, DNS_TIMEOUT_MS, NetworkCommandContext, parseUrl, waitSimulated } from './http-backends';

const fail = (stderr: string) => ({ stdout: '', stderr, exitCode: 1 });

/** busybox's progress line: name padded to 20, 100%, the bar, the size. */
function progress(name: string, size: number): string {
  return `${name.padEnd(20)} 100% |********************************| ${String(size).padStart(5)}  0:00:00 ETA\n`;
}

/**
 * busybox `wget URL`, `-O FILE`/`-O-`, `-q`, `--spider`, `-T`: the page of the server behind the
 * address (nginx's welcome page…), busybox's messages when the name does not resolve (`bad
 * address`), nothing listens (`Connection refused`) or NetworkPolicy drops the connection (after
 * `-T` seconds `download timed out`, else the kernel's `Connection timed out`).
 */
export function wgetCommand(context: NetworkCommandContext): Command {
  return defineCommand('wget', async (args, ctx) => {
    let output: string | undefined;
    let quiet = false;
    let spider = false;
    let url: string | undefined;
    let timeoutSeconds: number | undefined;
    let hostHeader: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg === '-O') output = args[++i];
      else if (arg.startsWith('-O')) output = arg.slice(2);
      else if (arg === '-q' || arg === '-qO-') [quiet, output] = [true, arg === '-qO-' ? '-' : output];
      else if (arg === '--spider') spider = true;
      else if (arg === '--header') hostHeader = /^host:\s*(.+)$/i.exec(args[++i] ?? '')?.[1]?.trim() ?? hostHeader;
      else if (arg === '-T' || arg === '--timeout') timeoutSeconds = Number(args[++i]);
      else if (arg.startsWith('-T')) timeoutSeconds = Number(arg.slice(2));
      else if (!arg.startsWith('-')) url = arg;
    }
    const target = url ? parseUrl(url) : undefined;
    if (!target) return fail('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n');
    const connection = connect(context, target.host, target.port);
    if (connection.kind === 'dns-timeout') await waitSimulated(ctx, DNS_TIMEOUT_MS);
    if (connection.kind === 'unresolved' || connection.kind === 'dns-timeout') return fail(`wget: bad address '${target.host}'\n`);
    const { address } = connection.destination;
    if (connection.kind === 'dropped') {
      // -T arms an alarm around connect(); without it (or longer) the kernel gives up on the SYN first.
      const alarm = timeoutSeconds && timeoutSeconds * 1000 < CONNECT_TIMEOUT_MS ? timeoutSeconds * 1000 : undefined;
      await waitSimulated(ctx, alarm ?? CONNECT_TIMEOUT_MS);
      const connecting = quiet ? '' : `Connecting to ${target.host} (${address}:${target.port})\n`;
      return fail(`${connecting}${alarm ? 'wget: download timed out\n' : `wget: can't connect to remote host (${address}): Connection timed out\n`}`);
    }
    if (connection.kind === 'refused') return fail(`${quiet ? '' : `Connecting to ${target.host} (${address}:${target.port})\n`}wget: can't connect to remote host (${address}): Connection refused\n`);
    const connecting = quiet ? '' : `Connecting to ${target.host} (${address}:${target.port})\n`;
    if (connection.server.page === undefined) return fail(`${connecting}wget: error getting response: Connection reset by peer\n`);
    const reply = exchange(context, connection, hostHeader ?? target.host, target.path);
    if (reply.status >= 400) return fail(`${connecting}wget: server returned error: HTTP/1.1 ${reply.status} ${reply.reason}\n`);
    const page = reply.body;
    if (spider) return { stdout: '', stderr: quiet ? '' : `${connecting}remote file exists\n`, exitCode: 0 };
    const size = Buffer.byteLength(page);
    if (output === '-') return { stdout: page, stderr: quiet ? '' : `${connecting}writing to stdout\n${progress('-', size)}written to stdout\n`, exitCode: 0 };
    const file = output ?? (target.path.split('/').pop() || 'index.html');
    await ctx.fs.writeFile(ctx.fs.resolvePath(ctx.cwd, file), page);
    return { stdout: '', stderr: quiet ? '' : `${connecting}saving to '${file}'\n${progress(file, size)}'${file}' saved\n`, exitCode: 0 };
  });
}
