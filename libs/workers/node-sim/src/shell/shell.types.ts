/** What a simulated shell runs in: the container's environment and its visible files. */
export interface ShellContext {
  /** The process environment; `export` and assignments mutate it. */
  env: Record<string, string>;
  hostname: string;
  user: string;
  cwd: string;
  /** Absolute path → file content (mounted ConfigMaps/Secrets, /etc/hostname…). Directories are implied. */
  files: Map<string, string>;
  /** Real wall-clock time for `date`. */
  now: () => Date;
}

/** One write to stdout (1) or stderr (2), at a simulated offset from the start of the run. */
export interface ShellOutput {
  atMs: number;
  stream: 1 | 2;
  text: string;
}

export interface ShellRun {
  output: ShellOutput[];
  exitCode: number;
  /** Simulated time the run takes (sum of sleeps). */
  durationMs: number;
  /** Set when the run never ends: what repeats each period (periodMs 0: it waits silently). */
  forever?: { periodMs: number; output: ShellOutput[] };
  /** The script ran `exit` (an interactive session ends). */
  exited?: boolean;
}

export interface BuiltinResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}
