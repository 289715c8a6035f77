import type { BuiltinResult, ShellContext } from './shell.types';

type Builtin = (args: string[], context: ShellContext, stdin: string) => BuiltinResult;

const ok = (stdout = ''): BuiltinResult => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string, exitCode = 1): BuiltinResult => ({ stdout: '', stderr, exitCode });

const ROOT_DIRECTORIES = ['bin', 'dev', 'etc', 'home', 'lib', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'];

/** Resolves a path against the working directory, with `.` and `..`. */
export function resolvePath(path: string, cwd: string): string {
  const parts = (path.startsWith('/') ? path : `${cwd}/${path}`).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

/** The entries of a directory: root directories, then files and sub-directories implied by `files`. */
export function listDirectory(path: string, context: ShellContext): string[] | undefined {
  const entries = new Set<string>(path === '/' ? ROOT_DIRECTORIES : []);
  const prefix = path === '/' ? '/' : `${path}/`;
  for (const file of context.files.keys()) {
    if (file.startsWith(prefix)) entries.add(file.slice(prefix.length).split('/')[0]);
  }
  if (entries.size === 0 && !ROOT_DIRECTORIES.includes(path.slice(1)) && path !== context.env.HOME) return undefined;
  return [...entries].sort();
}

function echo(args: string[]): BuiltinResult {
  let newline = true;
  let escapes = false;
  while (/^-[neE]+$/.test(args[0] ?? '')) {
    const flag = args.shift()!;
    if (flag.includes('n')) newline = false;
    if (flag.includes('e')) escapes = true;
  }
  let text = args.join(' ');
  if (escapes) text = text.replace(/\\n/g, '\n').replace(/\\t/g, '\t');
  return ok(newline ? `${text}\n` : text);
}

function printf(args: string[]): BuiltinResult {
  const [format = '', ...values] = args;
  let index = 0;
  const text = format.replace(/%[sd]/g, () => values[index++] ?? '').replace(/\\n/g, '\n').replace(/\\t/g, '\t');
  return ok(text);
}

function env(args: string[], context: ShellContext): BuiltinResult {
  if (args.length > 0 && !args[0].startsWith('-')) {
    const value = context.env[args[0]];
    return value === undefined ? fail('', 1) : ok(`${value}\n`);
  }
  return ok(Object.entries(context.env).map(([k, v]) => `${k}=${v}\n`).join(''));
}

function cat(args: string[], context: ShellContext, stdin: string): BuiltinResult {
  if (args.length === 0) return ok(stdin);
  let stdout = '';
  let stderr = '';
  for (const arg of args) {
    const path = resolvePath(arg, context.cwd);
    const content = context.files.get(path);
    if (content !== undefined) stdout += content;
    else if (listDirectory(path, context)) stderr += `cat: read error: Is a directory\n`;
    else stderr += `cat: can't open '${arg}': No such file or directory\n`;
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}

function ls(args: string[], context: ShellContext): BuiltinResult {
  const targets = args.filter((a) => !a.startsWith('-'));
  const long = args.some((a) => a.startsWith('-') && a.includes('l'));
  let stdout = '';
  for (const target of targets.length ? targets : ['.']) {
    const path = resolvePath(target, context.cwd);
    if (context.files.has(path)) {
      stdout += `${target}\n`;
      continue;
    }
    const entries = listDirectory(path, context);
    if (!entries) return fail(`ls: ${target}: No such file or directory\n`);
    stdout += entries.map((e) => (long ? `drwxr-xr-x    2 root     root          4096 ${e}\n` : `${e}\n`)).join('');
  }
  return ok(stdout);
}

function cd(args: string[], context: ShellContext): BuiltinResult {
  const path = resolvePath(args[0] ?? context.env.HOME ?? '/', context.cwd);
  if (!listDirectory(path, context)) return fail(`sh: cd: can't cd to ${args[0]}: No such file or directory\n`, 2);
  context.cwd = path;
  context.env.PWD = path;
  return ok();
}

function exportVariables(args: string[], context: ShellContext): BuiltinResult {
  for (const arg of args) {
    const [name, ...value] = arg.split('=');
    if (value.length > 0) context.env[name] = value.join('=');
  }
  return ok();
}

function grep(args: string[], _context: ShellContext, stdin: string): BuiltinResult {
  const invert = args.includes('-v');
  const ignoreCase = args.includes('-i');
  const pattern = args.find((a) => !a.startsWith('-')) ?? '';
  const needle = ignoreCase ? pattern.toLowerCase() : pattern;
  const lines = stdin.split('\n').filter((l) => l !== '');
  const matched = lines.filter((l) => (ignoreCase ? l.toLowerCase() : l).includes(needle) !== invert);
  return { stdout: matched.map((l) => `${l}\n`).join(''), stderr: '', exitCode: matched.length ? 0 : 1 };
}

function formatDate(now: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())}`;
  return `${days[now.getUTCDay()]} ${months[now.getUTCMonth()]} ${pad(now.getUTCDate())} ${time} UTC ${now.getUTCFullYear()}\n`;
}

const BUILTINS: Record<string, Builtin> = {
  echo: (args) => echo([...args]),
  printf: (args) => printf(args),
  true: () => ok(),
  ':': () => ok(),
  false: () => fail('', 1),
  env,
  printenv: env,
  hostname: (_a, c) => ok(`${c.hostname}\n`),
  whoami: (_a, c) => ok(`${c.user}\n`),
  id: (_a, c) => ok(c.user === 'root' ? 'uid=0(root) gid=0(root) groups=0(root)\n' : `uid=1000(${c.user}) gid=1000(${c.user})\n`),
  pwd: (_a, c) => ok(`${c.cwd}\n`),
  cd,
  export: exportVariables,
  date: (_a, c) => ok(formatDate(c.now())),
  uname: (args) => ok(args.includes('-a') ? 'Linux drydock 6.8.0-drydock #1 SMP x86_64 GNU/Linux\n' : 'Linux\n'),
  cat,
  ls,
  grep,
  head: (args, _c, stdin) => ok(stdin.split('\n').slice(0, Number(args[args.indexOf('-n') + 1] ?? 10) || 10).join('\n')),
  wc: (_a, _c, stdin) => ok(`${stdin.split('\n').length - 1}\n`),
  ps: () => ok('PID   USER     TIME  COMMAND\n    1 root      0:00 /pause\n'),
};

/** Runs a non-control builtin; unknown commands fail as sh does: `sh: X: not found`, exit 127. */
export function runBuiltin(name: string, args: string[], context: ShellContext, stdin: string): BuiltinResult {
  const builtin = BUILTINS[name];
  if (!builtin) return fail(`sh: ${name}: not found\n`, 127);
  return builtin(args, context, stdin);
}
