import { defineCommand, type Command } from 'just-bash';

/**
 * `env` and `printenv` print the process environment: the exported variables only (just-bash's own
 * print every shell variable, IFS and OSTYPE included, which no container shows). `env NAME=v cmd`
 * and `printenv NAME` keep just-bash's behaviour.
 */
export function envCommands(): Command[] {
  const print = (exported: Record<string, string> | undefined) => ({
    stdout: Object.entries(exported ?? {}).map(([name, value]) => `${name}=${value}\n`).join(''),
    stderr: '',
    exitCode: 0,
  });
  return ['env', 'printenv'].map((name) =>
    defineCommand(name, async (args, ctx) => (args.length === 0 || !ctx.origCommand ? print(ctx.exportedEnv) : ctx.origCommand(args))),
  );
}
