import { defineCommand, latin1FromBytes, type Command } from 'just-bash';
import { imageDigest, parseImageReference, simulatedImageSize } from '../../runtime/image-rules';
import type { CriContainer, NodeRuntimeView } from '../cri-view';
import { humanDuration, humanSize, tabwriter } from './table-writer';

type Result = { stdout: string; stderr: string; exitCode: number };
const ok = (stdout: string): Result => ({ stdout, stderr: '', exitCode: 0 });
const fatal = (message: string): Result => ({ stdout: '', stderr: `FATA[0000] ${message}\n`, exitCode: 1 });

/** crictl's getTruncatedID: the first 13 characters. */
const short = (id: string) => id.slice(0, 13);

function ps(runtime: NodeRuntimeView, now: number, args: string[]): Result {
  const all = args.includes('-a') || args.includes('--all');
  const quiet = args.includes('-q') || args.includes('--quiet');
  const name = valueOf(args, '--name');
  const pod = valueOf(args, '--pod') ?? valueOf(args, '-p');
  const containers = runtime.containers()
    .filter((c) => (all || c.state === 'Running') && (!name || new RegExp(name).test(c.name)) && (!pod || c.podSandboxId.startsWith(pod)))
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  if (quiet) return ok(containers.map((c) => `${c.id}\n`).join(''));
  const header = ['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD', 'NAMESPACE'];
  const rows = containers.map((c) => [short(c.id), short(c.imageId.replace(/^sha256:/, '')), `${humanDuration(now - c.createdAt.getTime())} ago`, c.state, c.name, String(c.attempt), short(c.podSandboxId), c.podName, c.podNamespace]);
  return ok(tabwriter([header, ...rows]));
}

function pods(runtime: NodeRuntimeView, now: number, args: string[]): Result {
  const list = runtime.pods().sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  if (args.includes('-q') || args.includes('--quiet')) return ok(list.map((p) => `${p.id}\n`).join(''));
  const rows = list.map((p) => [short(p.id), `${humanDuration(now - p.createdAt.getTime())} ago`, p.state, p.name, p.namespace, '0', '(default)']);
  return ok(tabwriter([['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME'], ...rows]));
}

function images(runtime: NodeRuntimeView, args: string[]): Result {
  const list = runtime.images().map(parseImageReference).sort((a, b) => `${a.registry}/${a.repository}`.localeCompare(`${b.registry}/${b.repository}`));
  if (args.includes('-q') || args.includes('--quiet')) return ok(list.map((r) => `sha256:${imageDigest(r.canonical)}\n`).join(''));
  const rows = list.map((r) => [`${r.registry}/${r.repository}`, r.tag ?? '<none>', short(imageDigest(r.canonical)), humanSize(simulatedImageSize(r.image))]);
  return ok(tabwriter([['IMAGE', 'TAG', 'IMAGE ID', 'SIZE'], ...rows]));
}

function find(runtime: NodeRuntimeView, id: string | undefined): CriContainer | undefined {
  return id ? runtime.containers().find((c) => c.id.startsWith(id)) : undefined;
}

function logs(runtime: NodeRuntimeView, args: string[]): Result {
  const id = args.filter((a) => !a.startsWith('-')).pop();
  const container = find(runtime, id);
  if (!id) return fatal('ID cannot be empty');
  if (!container) return fatal(`rpc error: code = NotFound desc = an error occurred when try to find container "${id}": not found`);
  const tail = valueOf(args, '--tail');
  const lines = container.log().split('\n').filter((line, i, all) => i < all.length - 1 || line !== '');
  return ok(lines.slice(tail !== undefined ? -Number(tail) || lines.length : 0).map((l) => `${l}\n`).join(''));
}

const CRI_STATE = { Running: 'CONTAINER_RUNNING', Exited: 'CONTAINER_EXITED', Created: 'CONTAINER_CREATED' };

function inspect(runtime: NodeRuntimeView, args: string[]): Result {
  const id = args.find((a) => !a.startsWith('-'));
  const container = find(runtime, id);
  if (!container) return fatal(`getting the status of the container "${id ?? ''}": rpc error: code = NotFound desc = an error occurred when try to find container "${id ?? ''}": not found`);
  const status = {
    id: container.id,
    metadata: { attempt: container.attempt, name: container.name },
    state: CRI_STATE[container.state],
    createdAt: container.createdAt.toISOString(),
    startedAt: container.startedAt ?? '0001-01-01T00:00:00Z',
    finishedAt: container.finishedAt ?? '0001-01-01T00:00:00Z',
    exitCode: container.exitCode ?? 0,
    image: { image: container.image },
    imageRef: container.imageId,
    labels: { 'io.kubernetes.container.name': container.name, 'io.kubernetes.pod.name': container.podName, 'io.kubernetes.pod.namespace': container.podNamespace, 'io.kubernetes.pod.uid': container.podUid },
    logPath: `/var/log/pods/${container.podNamespace}_${container.podName}_${container.podUid}/${container.name}/${container.attempt}.log`,
  };
  return ok(`${JSON.stringify({ status, info: { sandboxID: container.podSandboxId, runtimeType: 'io.containerd.runc.v2' } }, null, 2)}\n`);
}

const EXEC_USAGE = 'NAME:\n   crictl exec - Run a command in a running container\n\nUSAGE:\n   crictl exec [command options] CONTAINER-ID COMMAND [ARG...]\n\nOPTIONS:\n   --interactive, -i  Keep STDIN open (default: false)\n   --sync, -s         Run the command synchronously (default: false)\n   --timeout value    Timeout in seconds (default: 0)\n   --tty, -t          Allocate a pseudo-TTY (default: false)\n';
const EXEC_FLAG = /^(-[ist]+|--(interactive|sync|tty)(=(true|false))?|--timeout=\d+)$/;

/** crictl exec's options (before the container ID; urfave/cli stops at the first argument), or undefined for its help. */
function execArguments(args: string[]): { interactive: boolean; id: string; argv: string[] } | undefined {
  let interactive = false;
  let at = 0;
  for (; at < args.length && args[at].startsWith('-'); at++) {
    if (args[at] === '--timeout') at++;
    else if (!EXEC_FLAG.test(args[at])) return undefined;
    if (/^-[st]*i|^--interactive(=true)?$/.test(args[at])) interactive = true;
  }
  const [id, ...argv] = args.slice(at);
  return id && argv.length ? { interactive, id, argv } : undefined;
}

/**
 * `crictl exec [-i] [-t] [-s] CONTAINER-ID COMMAND [ARG...]`: COMMAND in the running container's shell, as
 * containerd's Exec runs it (stdin with -i; a tty changes nothing here). A failed command is crictl's
 * `execing command in container: command terminated with exit code N` and exit 1.
 */
async function exec(runtime: NodeRuntimeView, args: string[], stdin: string): Promise<Result> {
  const parsed = execArguments(args);
  if (!parsed) return ok(EXEC_USAGE);
  const container = find(runtime, parsed.id);
  const failed = (message: string) => fatal(`execing command in container: ${message}`);
  if (!container) return failed(`rpc error: code = NotFound desc = an error occurred when try to find container "${parsed.id}": not found`);
  const shell = container.state === 'Running' ? container.shell?.() : undefined;
  if (!shell) return failed(`rpc error: code = Unknown desc = container is in ${CRI_STATE[container.state]} state`);
  let stdout = '';
  let stderr = '';
  const output = (stream: number, chunk: Buffer) => (stream === 1 ? (stdout += chunk.toString('utf8')) : (stderr += chunk.toString('utf8')));
  const input = parsed.interactive ? Buffer.from(stdin, 'latin1') : undefined;
  // `crictl exec -i ID sh` reads its stdin as a script (no nested interactive shell), as chroot's sh does.
  const argv = input && parsed.argv.length === 1 && /^(\/bin\/)?(ba)?sh$/.test(parsed.argv[0]) ? ['sh', '-c', input.toString('utf8')] : parsed.argv;
  const exitCode = await shell.run(argv, { output, stdin: input });
  if (exitCode === 0) return { stdout, stderr, exitCode };
  return { stdout, stderr: `${stderr}FATA[0000] execing command in container: command terminated with exit code ${exitCode}\n`, exitCode: 1 };
}

function valueOf(args: string[], flag: string): string | undefined {
  const position = args.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
  if (position < 0) return undefined;
  return args[position].includes('=') ? args[position].split('=').slice(1).join('=') : args[position + 1];
}

const USAGE = 'NAME:\n   crictl - client for CRI\n\nUSAGE:\n   crictl [global options] command [command options]\n\nCOMMANDS:\n   exec                Run a command in a running container\n   images, image, img  List images\n   inspect             Display the status of one or more containers\n   logs                Fetch the logs of a container\n   pods                List pods\n   ps                  List containers\n   version             Display runtime version information\n';

/** crictl against the node's simulated containerd: ps, pods, images, logs, inspect, exec, version. */
export function crictlCommand(runtime: NodeRuntimeView, now: () => number): Command {
  return defineCommand('crictl', async (args, ctx) => {
    const [verb, ...rest] = args.filter((a, i) => !(i === 0 && a.startsWith('--runtime-endpoint')));
    switch (verb) {
      case 'ps': return ps(runtime, now(), rest);
      case 'pods': return pods(runtime, now(), rest);
      case 'images': case 'image': case 'img': return images(runtime, rest);
      case 'logs': return logs(runtime, rest);
      case 'inspect': return inspect(runtime, rest);
      case 'exec': return exec(runtime, rest, latin1FromBytes(ctx.stdin));
      case 'version': return ok('Version:  0.1.0\nRuntimeName:  containerd\nRuntimeVersion:  v2.1.4\nRuntimeApiVersion:  v1\n');
      case undefined: return ok(USAGE);
      default: return { stdout: '', stderr: `No help topic for '${verb}'\n`, exitCode: 3 };
    }
  });
}
