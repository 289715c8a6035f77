import { ChildProcess, spawn } from 'node:child_process';

export interface CommandResult {
  /** The command line as a user would type it, for failure messages. */
  command: string;
  /** Exit code; null when the process was killed (for instance after the timeout). */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  stdin?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/** Runs a program to completion and collects its output; never rejects on a non-zero exit. */
export function runCommand(program: string, args: string[], displayName: string, options: RunOptions): Promise<CommandResult> {
  const command = [displayName, ...args.map(quoteArg)].join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timer = setTimeout(() => {
      stderr += `\n[harness] ${command} did not finish within ${timeoutMs} ms; killed\n`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ command, code, stdout, stderr });
    });
    // A program that never reads its stdin may be gone before the write (EPIPE): its exit code and output tell what happened.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin ?? '');
  });
}

/** A long-running command (`kubectl get -w`) whose output is read while it runs. */
export interface StreamingCommand {
  command: string;
  output(): string;
  /** Resolves with the whole output once it matches `pattern`; rejects with the output so far on timeout. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

export function startStreamingCommand(program: string, args: string[], displayName: string, env: NodeJS.ProcessEnv): StreamingCommand {
  const command = [displayName, ...args.map(quoteArg)].join(' ');
  const child = spawn(program, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let exited = false;
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.on('exit', () => (exited = true));
  return {
    command,
    output: () => output,
    waitForOutput: (pattern, timeoutMs = 20_000) => waitForOutput(child, () => output, pattern, timeoutMs, command),
    stop: async () => {
      if (exited) return;
      const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await done;
    },
  };
}

function waitForOutput(child: ChildProcess, output: () => string, pattern: RegExp, timeoutMs: number, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const poll = setInterval(() => {
      if (pattern.test(output())) {
        clearInterval(poll);
        resolve(output());
      } else if (Date.now() > deadline || child.exitCode !== null) {
        clearInterval(poll);
        const state = child.exitCode !== null ? `exited with ${child.exitCode}` : `still running after ${timeoutMs} ms`;
        reject(new Error(`${command}: output never matched ${pattern} (${state}). Output was:\n${output()}`));
      }
    }, 50);
  });
}

function quoteArg(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
