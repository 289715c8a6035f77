import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';

/** The repository root (where `npm start` runs apps from). */
export const repoRoot = join(__dirname, '..', '..', '..');

/** What runs Drydock's TypeScript in each process, as in `npm start` (`node -r ./tools/register-typescript.js`). */
export const TYPESCRIPT_REGISTER = join(repoRoot, 'tools', 'register-typescript.js');

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  /** Resolves with the exit code when the process ends (null when a signal ended it). */
  exited: Promise<number | null>;
  /** Resolves when the process ends, with why: "exited with code 1", "was killed by SIGKILL". */
  ended: Promise<string>;
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Runs one Drydock process (`apps/<app>/src/main.ts`) with the TypeScript loader; stdout goes to
 * `<logDir>/<name>.log`, stderr to the log and the console, so a crash is visible where the user looks.
 * DRYDOCK_NODE_FLAGS adds flags to node's own command line (the benches' `--cpu-prof`).
 */
export function startAppProcess(name: string, app: string, env: NodeJS.ProcessEnv, logDir: string): ManagedProcess {
  const log = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
  // DRYDOCK_NODE_FLAGS: extra flags for node itself, e.g. the benches' `--cpu-prof` (not allowed in NODE_OPTIONS).
  const nodeFlags = (process.env.DRYDOCK_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeFlags, '-r', TYPESCRIPT_REGISTER, join(repoRoot, 'apps', app, 'src', 'main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, ...env, SWC_NODE_PROJECT: join(repoRoot, 'tsconfig.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.on('data', (chunk: Buffer) => {
    log.write(chunk);
    process.stderr.write(chunk.toString().replace(/^(?=.)/gm, `[${name}] `));
  });
  const ended = new Promise<string>((resolve) => child.on('exit', (code, signal) => {
    log.end();
    resolve(signal ? `was killed by ${signal}` : `exited with code ${code}`);
  }));
  const exited = ended.then(() => child.exitCode);
  const stop = async (timeoutMs = 10_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await ended;
    clearTimeout(timer);
  };
  return { name, child, exited, ended, stop };
}
