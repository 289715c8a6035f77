/**
 * just-bash words its errors as bash does; a container's `sh` is usually another shell. Rewrites the
 * messages a user meets first to what the image's /bin/sh prints: busybox ash (busybox, alpine)
 * `sh: foo: not found` (and its applets' `cat: can't open 'x': …`), dash (debian, ubuntu and the
 * images built on them) `sh: 1: foo: not found`.
 * `bash` itself keeps bash's wording.
 */
export type ShellDialect = 'ash' | 'dash' | 'bash';

const DASH_IMAGES = new Set(['debian', 'ubuntu', 'python', 'node', 'golang', 'nginx', 'redis', 'postgres', 'httpd', 'mysql', 'rabbitmq', 'mongo']);

/** The /bin/sh of an image (by its well-known name), or bash when the command names bash. */
export function shellDialect(knownImage: string | undefined, argv0: string | undefined): ShellDialect {
  if (argv0 && /(^|\/)bash$/.test(argv0)) return 'bash';
  return knownImage && DASH_IMAGES.has(knownImage) ? 'dash' : 'ash';
}

export function rewriteErrors(text: string, dialect: ShellDialect): string {
  if (dialect === 'bash') return text;
  const prefix = dialect === 'dash' ? 'sh: 1: ' : 'sh: ';
  const applets = dialect === 'ash' ? text.replace(/^cat: (.+): No such file or directory$/gm, "cat: can't open '$1': No such file or directory") : text;
  return applets
    .replace(/^bash: (.+): command not found$/gm, `${prefix}$1: not found`)
    .replace(/^bash: (.+): Permission denied$/gm, `${prefix}$1: Permission denied`)
    .replace(/^bash: /gm, prefix);
}
