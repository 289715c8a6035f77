import { defineCommand, type Command } from 'just-bash';

/** busybox `ps`: the container's main process as PID 1, and `ps` itself. */
export function psCommand(mainCommand: () => string): Command {
  return defineCommand('ps', async () => {
    const row = (pid: number, command: string) => `${String(pid).padStart(5)} root      0:00 ${command}\n`;
    return { stdout: `PID   USER     TIME  COMMAND\n${row(1, mainCommand())}${row(7, 'ps')}`, stderr: '', exitCode: 0 };
  });
}
