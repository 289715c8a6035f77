import { defineCommand, type Command } from 'just-bash';

/** `hostname`, `whoami` and `id` of a container's root user (containers run as root unless told otherwise). */
export function identityCommands(hostname: string): Command[] {
  const ok = (stdout: string) => ({ stdout, stderr: '', exitCode: 0 });
  return [
    defineCommand('hostname', async () => ok(`${hostname}\n`)),
    defineCommand('whoami', async () => ok('root\n')),
    defineCommand('id', async (args) => {
      if (args.includes('-u')) return ok(args.includes('-n') ? 'root\n' : '0\n');
      if (args.includes('-g')) return ok(args.includes('-n') ? 'root\n' : '0\n');
      return ok('uid=0(root) gid=0(root) groups=0(root)\n');
    }),
  ];
}
