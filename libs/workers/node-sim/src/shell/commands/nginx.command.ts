import { defineCommand, type Command } from 'just-bash';

/** nginx's own binary in an nginx image: `-v`, `-V`, `-t`, `-s reload|stop|quit|reopen`. */
export function nginxCommand(version: string, now: () => Date): Command {
  const conf = '/etc/nginx/nginx.conf';
  return defineCommand('nginx', async (args) => {
    if (args.includes('-v')) return { stdout: '', stderr: `nginx version: nginx/${version}\n`, exitCode: 0 };
    if (args.includes('-V')) return { stdout: '', stderr: `nginx version: nginx/${version}\nbuilt by gcc 12.2.0 (Debian 12.2.0-14+deb12u1) \nbuilt with OpenSSL 3.0.15 3 Sep 2024\nTLS SNI support enabled\n`, exitCode: 0 };
    if (args.includes('-t')) return { stdout: '', stderr: `nginx: the configuration file ${conf} syntax is ok\nnginx: configuration file ${conf} test is successful\n`, exitCode: 0 };
    const signal = args[args.indexOf('-s') + 1];
    if (args.includes('-s') && ['reload', 'stop', 'quit', 'reopen'].includes(signal)) {
      const at = now().toISOString().replace('T', ' ').replace(/-/g, '/').slice(0, 19);
      return { stdout: '', stderr: `${at} [notice] 45#45: signal process started\n`, exitCode: 0 };
    }
    if (args.length === 0) return { stdout: '', stderr: `${now().toISOString().replace('T', ' ').replace(/-/g, '/').slice(0, 19)} [emerg] 45#45: bind() to 0.0.0.0:80 failed (98: Address already in use)\n`, exitCode: 1 };
    return { stdout: '', stderr: `nginx: invalid option: "${args[0].replace(/^-/, '')}"\n`, exitCode: 1 };
  });
}
