import { defineCommand, type Command } from 'just-bash';

/**
 * `tar` as busybox and GNU tar create archives: absolute member names lose their leading `/`
 * (with busybox's notice on stderr), so `kubectl cp pod:/tmp/x .` finds `tmp/x` in the stream it
 * reads from `tar cf - /tmp/x`. Everything else is just-bash's tar.
 */
export function tarCommand(): Command {
  return defineCommand('tar', async (args, ctx) => {
    const rewritten = relativeMembers(args, ctx.cwd);
    const result = await ctx.origCommand!(rewritten ?? args);
    if (!rewritten) return result;
    return { ...result, stderr: `tar: removing leading '/' from member names\n${result.stderr}` };
  });
}

/**
 * The arguments with absolute members made relative to `-C /` (and `-C cwd` again before a relative
 * member that follows one), or undefined when nothing changes.
 */
export function relativeMembers(args: string[], cwd: string): string[] | undefined {
  const mode = (args[0] ?? '').replace(/^-/, '');
  if (!/^[a-zA-Z]+$/.test(mode) || !mode.includes('c')) return undefined;
  // Flags bundled in the first word take their values from the words after it, in order (`cf -`).
  let valuesPending = [...mode].filter((flag) => flag === 'f' || flag === 'C').length;
  const out = [args[0]];
  let changed = false;
  let inRoot = false;
  for (let i = 1; i < args.length; i++) {
    const arg = args[i];
    if (valuesPending > 0) {
      valuesPending--;
      out.push(arg);
    } else if (arg === '-f' || arg === '-C' || arg === '--file' || arg === '--directory') {
      out.push(arg, args[++i] ?? '');
    } else if (arg.startsWith('-') && arg !== '-') {
      out.push(arg);
    } else if (arg.startsWith('/') && arg !== '/') {
      out.push(...(inRoot ? [] : ['-C', '/']), arg.replace(/^\/+/, ''));
      changed = inRoot = true;
    } else {
      out.push(...(inRoot ? ['-C', cwd] : []), arg);
      inRoot = false;
    }
  }
  return changed ? out : undefined;
}
