import { defineCommand, latin1FromBytes, type Command } from 'just-bash';
import type { ContainerShell } from '../../shell/container-shell';

/**
 * `ssh NODE [COMMAND...]` from one node's shell into another's (as the exam environment allows, so a
 * node whose kubelet is stopped can still be reached and repaired): COMMAND, or the lines of stdin, run
 * in that node's shell. `reach` answers the node's shell, or why it cannot be reached.
 */
export function sshCommand(reach: (host: string) => ContainerShell | 'unknown' | 'unreachable'): Command {
  return defineCommand('ssh', async (args, ctx) => {
    // Options come before the destination; everything after it is the remote command, options and all.
    const at = args.findIndex((arg) => !arg.startsWith('-'));
    const target = at >= 0 ? args[at] : undefined;
    const command = at >= 0 ? args.slice(at + 1) : [];
    if (!target) return { stdout: '', stderr: 'usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] destination [command [argument ...]]\n', exitCode: 255 };
    const host = target.includes('@') ? target.slice(target.indexOf('@') + 1) : target;
    const shell = reach(host);
    if (shell === 'unknown') return { stdout: '', stderr: `ssh: Could not resolve hostname ${host}: Name or service not known\n`, exitCode: 255 };
    if (shell === 'unreachable') return { stdout: '', stderr: `ssh: connect to host ${host} port 22: No route to host\n`, exitCode: 255 };
    let stdout = '';
    let stderr = '';
    const script = command.length ? command.join(' ') : latin1FromBytes(ctx.stdin);
    const exitCode = await shell.run(['sh', '-c', script], { output: (stream, chunk) => (stream === 1 ? (stdout += chunk.toString('utf8')) : (stderr += chunk.toString('utf8'))) });
    return { stdout, stderr, exitCode };
  });
}
