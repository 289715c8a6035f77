import { defineCommand, latin1FromBytes, type Command } from 'just-bash';
import type { ContainerShell } from '../container-shell';

/**
 * busybox `chroot NEWROOT [COMMAND...]`: where NEWROOT is a hostPath mount of the node's `/` (the /host of
 * a `kubectl debug node/…` pod), COMMAND (default `/bin/sh`, reading this command's stdin) runs in the
 * node's own shell, with the node's files and tools (crictl, systemctl, journalctl, ps aux).
 */
export function chrootCommand(hostShell: (path: string) => ContainerShell | undefined): Command {
  return defineCommand('chroot', async (args, ctx) => {
    const [newRoot, ...command] = args;
    if (!newRoot) return { stdout: '', stderr: 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: chroot NEWROOT [PROG ARGS]\n', exitCode: 1 };
    const path = ctx.fs.resolvePath(ctx.cwd, newRoot).replace(/(.)\/+$/, '$1');
    const shell = hostShell(path);
    if (!shell) {
      const exists = await ctx.fs.exists(path);
      return exists
        ? { stdout: '', stderr: `chroot: can't execute '${command[0] ?? '/bin/sh'}': No such file or directory\n`, exitCode: 127 }
        : { stdout: '', stderr: `chroot: can't change root directory to '${newRoot}': No such file or directory\n`, exitCode: 1 };
    }
    let stdout = '';
    let stderr = '';
    const input = latin1FromBytes(ctx.stdin);
    const stdin = input ? Buffer.from(input, 'latin1') : undefined;
    const argv = command.length ? command : ['/bin/sh'];
    const exitCode = await shell.run(argv.length === 1 && /^(\/bin\/)?(ba)?sh$/.test(argv[0]) ? ['sh', '-c', stdin?.toString('utf8') ?? ''] : argv, {
      output: (stream, chunk) => (stream === 1 ? (stdout += chunk.toString('utf8')) : (stderr += chunk.toString('utf8'))),
      stdin,
    });
    return { stdout, stderr, exitCode };
  });
}
