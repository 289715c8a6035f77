import { defineCommand, type Command } from 'just-bash';
import { connect, NetworkCommandContext } from './http-backends';

/** `redis-cli [-h HOST] [-p PORT] ping`: PONG from a redis behind the address, redis-cli's refusal otherwise. */
export function redisCliCommand(context: NetworkCommandContext): Command {
  return defineCommand('redis-cli', async (args) => {
    let host = '127.0.0.1';
    let port = 6379;
    const words: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '-h') host = args[++i];
      else if (args[i] === '-p') port = Number(args[++i]);
      else words.push(args[i]);
    }
    const connection = connect(context, host, port);
    if (connection.kind !== 'open' || connection.server.known !== 'redis') return { stdout: '', stderr: `Could not connect to Redis at ${host}:${port}: Connection refused\n`, exitCode: 1 };
    const command = (words[0] ?? '').toLowerCase();
    if (command === 'ping') return { stdout: words[1] ? `"${words[1]}"\n` : 'PONG\n', stderr: '', exitCode: 0 };
    if (command === '') return { stdout: '', stderr: '', exitCode: 0 };
    return { stdout: `(error) ERR unknown command '${words[0]}', with args beginning with: ${words.slice(1).map((w) => `'${w}' `).join('')}\n`, stderr: '', exitCode: 0 };
  });
}
