import { defineCommand, type Command } from 'just-bash';

/**
 * `which` answers where the image keeps its programs (`/bin/sh` in busybox and alpine, `/usr/bin/sh`
 * in debian and ubuntu), for every command the shell can run; a name it cannot run prints nothing
 * and fails, as busybox's does.
 */
export function whichCommand(binDirectory: string): Command {
  return defineCommand('which', async (args, ctx) => {
    const known = new Set(ctx.getRegisteredCommands?.() ?? []);
    let stdout = '';
    let exitCode = 0;
    for (const name of args.filter((arg) => !arg.startsWith('-'))) {
      if (name.includes('/')) {
        if (await ctx.fs.exists(ctx.fs.resolvePath(ctx.cwd, name))) stdout += `${name}\n`;
        else exitCode = 1;
      } else if (known.has(name)) stdout += `${binDirectory}/${name}\n`;
      else exitCode = 1;
    }
    return { stdout, stderr: '', exitCode };
  });
}
