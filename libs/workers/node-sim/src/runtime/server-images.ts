import type { ProgramLine } from './container-program';
import { parseImageReference } from './image-rules';

/** What well-known server images print when they start, and their periodic lines (access logs). */

const pad = (n: number) => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function nginxTime(at: Date): string {
  return `${at.getUTCFullYear()}/${pad(at.getUTCMonth() + 1)}/${pad(at.getUTCDate())} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}`;
}

function accessLogTime(at: Date): string {
  return `${pad(at.getUTCDate())}/${MONTHS[at.getUTCMonth()]}/${at.getUTCFullYear()}:${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())} +0000`;
}

function redisTime(at: Date): string {
  return `${pad(at.getUTCDate())} ${MONTHS[at.getUTCMonth()]} ${at.getUTCFullYear()} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}.${String(at.getUTCMilliseconds()).padStart(3, '0')}`;
}

export function nginxVersion(image: string): string {
  const tag = parseImageReference(image).tag ?? 'latest';
  const version = /^\d+\.\d+\.\d+/.exec(tag)?.[0] ?? (/^\d+\.\d+/.test(tag) ? `${/^\d+\.\d+/.exec(tag)![0]}.0` : '1.29.3');
  return version;
}

const NGINX_ENTRYPOINT = [
  '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
  '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
  '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
  '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
  '/docker-entrypoint.sh: Configuration complete; ready for start up',
];

function nginxBanner(image: string): ProgramLine[] {
  const notices = ['using the "epoll" event method', `nginx/${nginxVersion(image)}`, 'built by gcc 12.2.0 (Debian 12.2.0-14+deb12u1) ', 'OS: Linux 6.8.0-drydock', 'getrlimit(RLIMIT_NOFILE): 1048576:1048576', 'start worker processes', 'start worker process 29'];
  return [
    ...NGINX_ENTRYPOINT.map((text): ProgramLine => ({ atMs: 0, stream: 'stdout', text })),
    ...notices.map((notice): ProgramLine => ({ atMs: 50, stream: 'stderr', text: (at) => `${nginxTime(at)} [notice] 1#1: ${notice}` })),
  ];
}

function redisBanner(): ProgramLine[] {
  const lines = ['1:C {t} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo', '1:C {t} * Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=1, just started', '1:M {t} * monotonic clock: POSIX clock_gettime', '1:M {t} * Running mode=standalone, port=6379.', '1:M {t} * Server initialized', '1:M {t} * Ready to accept connections tcp'];
  return lines.map((line) => ({ atMs: 20, stream: 'stdout', text: (at: Date) => line.replace('{t}', redisTime(at)) }));
}

function postgresBanner(): ProgramLine[] {
  const lines = ['starting PostgreSQL 17.2 (Debian 17.2-1.pgdg120+1) on x86_64-pc-linux-gnu', 'listening on IPv4 address "0.0.0.0", port 5432', 'database system is ready to accept connections'];
  return lines.map((line) => ({ atMs: 500, stream: 'stderr', text: (at: Date) => `${at.toISOString().replace('T', ' ').slice(0, 23)} UTC [1] LOG:  ${line}` }));
}

/** The start-up lines of a server image; unknown images print nothing (like most apps before traffic). */
export function serverBanner(known: string | undefined, image: string): ProgramLine[] {
  if (known === 'nginx') return nginxBanner(image);
  if (known === 'redis') return redisBanner();
  if (known === 'postgres') return postgresBanner();
  if (known === 'httpd') return [{ atMs: 0, stream: 'stderr', text: (at) => `[${at.toUTCString()}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations` }];
  return [];
}

/** The periodic line of a web server: a kube-probe-like access log line every period. */
export function serverRepeatLine(known: string | undefined): ProgramLine | undefined {
  if (known !== 'nginx' && known !== 'httpd') return undefined;
  return { atMs: 0, stream: 'stdout', text: (at) => `10.244.0.1 - - [${accessLogTime(at)}] "GET / HTTP/1.1" 200 615 "-" "kube-probe/1.35" "-"` };
}
