import * as path from 'node:path';
import { runCommand } from '../../harness/command';
import type { Drydock } from '../../harness/drydock.harness';
import { REPO_ROOT } from '../../harness/drydock.harness';
import type { Json } from '../../harness/json';
import { applyObjects } from '../../harness/use-drydock';

/** Debian's interpreter, where `apt-get install python3-kubernetes` puts the client (.ci/run installs it). */
export const PYTHON = '/usr/bin/python3';
const SCRIPTS = path.join(__dirname, '..');
export const MULTI_DOCUMENT_YAML = path.join(REPO_ROOT, 'e2e/kubectl/fixtures/clients/three-configmaps.yaml');

/**
 * Runs one scenario of a client library's script against `drydock` (its kubeconfig, as a user's
 * program finds it) and returns the JSON the script printed last. Fails with everything it printed.
 */
async function runScenario(drydock: Drydock, program: string, script: string, args: string[]): Promise<Json> {
  const result = await runCommand(program, [script, ...args], path.basename(program), { env: drydock.kubectlEnv(), timeoutMs: 150_000 });
  const last = result.stdout.trim().split('\n').pop() ?? '';
  try {
    if (result.code !== 0) throw new Error(`exit code ${result.code}`);
    return JSON.parse(last);
  } catch (error) {
    throw new Error(`$ ${result.command}\nfailed (${(error as Error).message})\n--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`);
  }
}

export const pythonScenario = (drydock: Drydock, name: string, ...args: string[]) => runScenario(drydock, PYTHON, path.join(SCRIPTS, 'python/scenarios.py'), [name, ...args]);

export const nodeScenario = (drydock: Drydock, name: string, ...args: string[]) => runScenario(drydock, process.execPath, path.join(SCRIPTS, 'node/scenarios.mjs'), [name, ...args]);

/**
 * The pods the scenarios use, in `namespace`: `s` sleeps (exec), `logger` prints `first`, `second`
 * and then a tick every 2 s (logs), `att`'s main process is a shell with stdin (attach), `web` is nginx
 * (port-forward). Each container is named as its pod, so a client can name it either way.
 */
export async function createScenarioPods(drydock: Drydock, namespace: string): Promise<void> {
  const pod = (name: string, container: Json) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace }, spec: { restartPolicy: 'Never', containers: [{ name, ...container }] } });
  await applyObjects(
    drydock,
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    pod('s', { image: 'busybox', command: ['sleep', '3600'] }),
    pod('logger', { image: 'busybox', command: ['sh', '-c', 'echo first; echo second; while true; do sleep 2; echo tick; done'] }),
    pod('att', { image: 'busybox', command: ['sh'], stdin: true, stdinOnce: true }),
    pod('web', { image: 'nginx:1.27', ports: [{ containerPort: 80 }] }),
  );
  const ready = await drydock.run(['wait', '-n', namespace, '--for=condition=Ready', 'pod/s', 'pod/logger', 'pod/att', 'pod/web', '--timeout=120s'], { timeoutMs: 150_000 });
  if (ready.code !== 0) throw new Error(`the scenario pods did not become Ready:\n${ready.stdout}${ready.stderr}`);
}
