import { defineCommand, type Command } from 'just-bash';
import { exchange } from './http-exchange';
import { connect, CONNECT_TIMEOUT_MS, DNS_TIMEOUT_MS, NetworkCommandContext, parseUrl, waitSimulated } from './http-backends';

/**
 * `curl URL` with `-s`, `-o FILE`, `-I`/`-i`, `-f`, `-H 'Host: name'` (what an Ingress routes by): the page of the server behind the address; curl's
 * errors and exit codes when the name does not resolve (6), nothing listens (7) or NetworkPolicy drops
 * the connection (28 once `-m`/`--connect-timeout` runs out, else 7 when the kernel gives up).
 */
export function curlCommand(context: NetworkCommandContext): Command {
  return defineCommand('curl', async (args, ctx) => {
    let output: string | undefined;
    let silent = false;
    let head = false;
    let include = false;
    let url: string | undefined;
    const limits: number[] = [];
    let hostHeader: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg === '-o') output = args[++i];
      else if (arg === '--head') head = true;
      else if (arg === '-m' || arg === '--max-time' || arg === '--connect-timeout') limits.push(Number(args[++i]) * 1000);
      else if (arg === '-H' || arg === '--header') hostHeader = /^host:\s*(.+)$/i.exec(args[++i] ?? '')?.[1]?.trim() ?? hostHeader;
      else if (arg === '-X') i++;
      else if (/^-[a-zA-Z]+$/.test(arg)) {
        // Bundled short flags (`-sI`, `-fsSL`).
        silent ||= arg.includes('s') && !arg.includes('S');
        head ||= arg.includes('I');
        include ||= arg.includes('i');
      }
      else if (!arg.startsWith('-')) url = arg;
    }
    const target = url ? parseUrl(url) : undefined;
    if (!target) return { stdout: '', stderr: "curl: try 'curl --help' or 'curl --manual' for more information\n", exitCode: 2 };
    const connection = connect(context, target.host, target.port);
    const say = (code: number, message: string) => ({ stdout: '', stderr: silent ? '' : `curl: (${code}) ${message}\n`, exitCode: code });
    const limit = limits.length ? Math.min(...limits.filter((ms) => ms > 0)) : Infinity;
    if (connection.kind === 'dns-timeout') {
      await waitSimulated(ctx, Math.min(limit, DNS_TIMEOUT_MS));
      if (limit < DNS_TIMEOUT_MS) return say(28, `Resolving timed out after ${limit} milliseconds`);
      return say(6, `Could not resolve host: ${target.host}`);
    }
    if (connection.kind === 'dropped') {
      await waitSimulated(ctx, Math.min(limit, CONNECT_TIMEOUT_MS));
      if (limit < CONNECT_TIMEOUT_MS) return say(28, `Connection timed out after ${limit} milliseconds`);
      return say(7, `Failed to connect to ${target.host} port ${target.port} after ${CONNECT_TIMEOUT_MS} ms: Couldn't connect to server`);
    }
    if (connection.kind === 'unresolved') return { stdout: '', stderr: silent ? '' : `curl: (6) Could not resolve host: ${target.host}\n`, exitCode: 6 };
    if (connection.kind === 'refused' || connection.server.page === undefined) {
      return { stdout: '', stderr: silent ? '' : `curl: (7) Failed to connect to ${target.host} port ${target.port} after 0 ms: Couldn't connect to server\n`, exitCode: 7 };
    }
    const reply = exchange(context, connection, hostHeader ?? target.host, target.path);
    const body = reply.body;
    const headers = `HTTP/1.1 ${reply.status} ${reply.reason}\r\nServer: ${reply.server}\r\nContent-Type: text/html\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: keep-alive\r\n\r\n`;
    const stdout = head ? headers : `${include ? headers : ''}${body}`;
    if (output) {
      await ctx.fs.writeFile(ctx.fs.resolvePath(ctx.cwd, output), stdout);
      return { stdout: '', stderr: '', exitCode: 0 };
    }
    return { stdout, stderr: '', exitCode: 0 };
  });
}
