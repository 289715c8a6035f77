import { Drydock } from '../../harness/drydock.harness';
import { expectSuccess } from '../../harness/expectations';
import { Json } from '../../harness/json';
import { getJson, useDrydock } from '../../harness/use-drydock';

/**
 * Polls `probe` every `intervalMs` until it returns something other than undefined, and returns that. On
 * timeout it fails with `what` and the last thing `describe` saw, so a stuck control loop shows its state.
 */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000, describe?: () => Promise<string>, intervalMs = 500): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const state = describe ? await describe().catch((error: Error) => `(could not describe: ${error.message})`) : '';
      const cause = lastError ? `\nlast error: ${(lastError as Error).message}` : '';
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${cause}\n${state}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The pods matching `selector` that are not being deleted (what a ReplicaSet counts), from `kubectl get pods -o json`. */
export async function livePods(drydock: Drydock, selector: string, namespace = 'default'): Promise<Json[]> {
  const list = await getJson(drydock, ['pods', '-n', namespace, '-l', selector]);
  return list.items.filter((pod: Json) => !pod.metadata.deletionTimestamp);
}

export const isRunningAndReady = (pod: Json): boolean =>
  pod.status?.phase === 'Running' && !!pod.status?.conditions?.some((condition: Json) => condition.type === 'Ready' && condition.status === 'True');

/** Resolves with the live pods once exactly `count` of them match `selector` and all are Running and Ready. */
export function runningPods(drydock: Drydock, selector: string, count: number, timeoutMs = 60_000, namespace = 'default'): Promise<Json[]> {
  return eventually(
    `${count} Running and Ready pods with ${selector}`,
    async () => {
      const pods = await livePods(drydock, selector, namespace);
      return pods.length === count && pods.every(isRunningAndReady) ? pods : undefined;
    },
    timeoutMs,
    () => podTable(drydock, selector, namespace),
  );
}

/**
 * For a failure message: `kubectl get pods -o wide`, the namespace's events, and the scheduler's and
 * node simulator's last log lines (a pod left Pending shows why: no event, a scheduling failure, or a
 * worker that was not running).
 */
export async function podTable(drydock: Drydock, selector: string, namespace = 'default'): Promise<string> {
  const pods = await drydock.run(['get', 'pods', '-n', namespace, '-l', selector, '-o', 'wide']);
  const events = await drydock.run(['get', 'events', '-n', namespace, '--sort-by=.lastTimestamp']);
  const workers = drydock.output().split('\n').filter((line) => /^\[(scheduler|node|launcher)/.test(line)).slice(-30).join('\n');
  return [`$ ${pods.command}\n${pods.stdout}${pods.stderr}`, `$ ${events.command}\n${events.stdout.split('\n').slice(-25).join('\n')}${events.stderr}`, `the workers' last lines:\n${workers}`].join('\n');
}

/** `kubectl get nodes -o json`, the items. */
export async function nodes(drydock: Drydock): Promise<Json[]> {
  return (await getJson(drydock, ['nodes'])).items;
}

export function nodeCondition(node: Json, type: string): Json | undefined {
  return node.status?.conditions?.find((condition: Json) => condition.type === type);
}

/** `kubectl rollout status` with a bounded wait, failing the test with kubectl's output when it does not finish. */
export async function rolloutStatus(drydock: Drydock, resource: string, timeout = '90s', namespace = 'default'): Promise<string> {
  return expectSuccess(await drydock.run(['rollout', 'status', resource, '-n', namespace, `--timeout=${timeout}`], { timeoutMs: 150_000 }));
}

/**
 * useDrydock() for the cluster specs: the same Drydock, plus, after a failed test, the launcher's own words
 * when one of its processes died (`npm start` stops everything when a component exits), since kubectl then
 * only says "connection refused".
 */
export function useClusterDrydock(): () => Drydock {
  const drydock = useDrydock();
  let reported = false;
  afterEach(() => {
    const output = safeOutput(drydock);
    if (reported || !/exited with code|stopping\.|Stopped\./.test(output)) return;
    reported = true;
    process.stderr.write(`[cluster e2e] Drydock stopped during the test; the launcher printed:\n${output.slice(-6000)}\n`);
  });
  return drydock;
}

function safeOutput(drydock: () => Drydock): string {
  try {
    return drydock().output();
  } catch {
    return '';
  }
}

/**
 * Resolves once the simulated nodes node-1…node-`count` and the `controlplane` node (npm start shows
 * Drydock's own processes there, as kubeadm's first node) are registered and Ready (set-up: they register
 * after /readyz).
 */
export function nodesReady(drydock: Drydock, count = 3): Promise<Json[]> {
  return eventually(
    `${count} Ready nodes and the controlplane node`,
    async () => {
      const all = await nodes(drydock);
      return all.length === count + 1 && all.every((node) => nodeCondition(node, 'Ready')?.status === 'True') ? all : undefined;
    },
    60_000,
    async () => expectSuccess(await drydock.run(['get', 'nodes'])),
  );
}

/** kubectl describe prints an event of a container as `spec.containers{name}: message` (the event's fieldPath). */
export const containerEvent = (container: string) => String.raw`(spec\.containers\{${container}\}: )?`;

/** The line `npm start` prints when one of its processes exits on its own and it stops everything. */
const LAUNCHER_STOPPING = /^(\S+ exited with code \S+); stopping\.$/m;

/**
 * Runs `work`, but rejects as soon as the launcher reports that a component exited and it is stopping
 * Drydock, instead of letting kubectl wait for its own timeout against a server that is gone.
 */
export async function unlessDrydockStops<T>(drydock: Drydock, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stopped = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      const match = LAUNCHER_STOPPING.exec(drydock.output());
      if (match) reject(new Error(`Drydock stopped: the launcher printed "${match[1]}; stopping."`));
    }, 200);
  });
  try {
    return await Promise.race([work, stopped]);
  } finally {
    clearInterval(timer);
  }
}
