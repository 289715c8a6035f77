'use client';
import Link from 'next/link';
import { useState } from 'react';
import { gql, useMutation } from '@/lib/graphql';
import type { DebugNodeMutation, DebugNodeMutationVariables, DebugPodPhaseQuery, DebugPodPhaseQueryVariables } from '@/lib/graphql-types.generated';
import { GuardedTerminal } from '@/components/terminal/guarded-terminal';
import { ErrorState } from '@/components/ui/states';

const DEBUG_NODE = /* GraphQL */ `mutation DebugNode($name: String!) { debugNode(name: $name) { namespace name } }`;
const DEBUG_POD_PHASE = /* GraphQL */ `query DebugPodPhase($namespace: String!, $name: String!) { pod(namespace: $namespace, name: $name) { phase } }`;

type Shell = { namespace: string; name: string; state: 'starting' | 'running' | 'failed'; why?: string };

/** Waits (1 s polls, up to a minute) until the debugging pod runs, as `kubectl debug` waits for its container. */
async function whenRunning(namespace: string, name: string): Promise<string | undefined> {
  for (let attempt = 0; attempt < 60; attempt++) {
    const phase = (await gql<DebugPodPhaseQuery, DebugPodPhaseQueryVariables>(DEBUG_POD_PHASE, { namespace, name })).pod?.phase;
    if (phase === 'Running') return undefined;
    if (phase === 'Failed' || phase === 'Succeeded') return `the debugging pod ended (${phase})`;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return 'the debugging pod did not start within a minute';
}

/**
 * A shell on the node, as `kubectl debug node/NAME -it --image=busybox` opens one: a node-debugger pod
 * (the node's `/` at `/host`, the host's namespaces), then a terminal in it; the node's own tools run
 * with `chroot /host`. The pod stays until deleted, as kubectl leaves it.
 */
export function NodeShell({ node }: { node: string }) {
  const debug = useMutation<DebugNodeMutation, DebugNodeMutationVariables>(DEBUG_NODE);
  const [shell, setShell] = useState<Shell>();

  const open = async () => {
    const pod = (await debug.run({ name: node }))?.debugNode;
    if (!pod) return;
    setShell({ namespace: pod.namespace, name: pod.name, state: 'starting' });
    const why = await whenRunning(pod.namespace, pod.name).catch((error: Error) => error.message);
    setShell({ namespace: pod.namespace, name: pod.name, state: why ? 'failed' : 'running', why });
  };

  return (
    <section aria-labelledby="node-shell-heading" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="node-shell-heading" className="mb-2 font-semibold">
        Shell on the node
      </h2>
      {!shell && (
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <button type="button" onClick={() => void open()} disabled={debug.pending} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 disabled:opacity-50 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800">
            {debug.pending ? 'Creating the debugging pod…' : 'Open a shell'}
          </button>
          <span className="text-slate-500 dark:text-slate-400">
            as <code>kubectl debug node/{node} -it --image=busybox</code>: a debugging pod on the node with its files at <code>/host</code>
          </span>
        </div>
      )}
      {debug.error && <ErrorState error={debug.error} title={`No debugging pod could be created on ${node}`} />}
      {shell && (
        <div className="space-y-2 text-sm">
          <p className="text-slate-600 dark:text-slate-300">
            busybox in{' '}
            <Link href={`/pods/${shell.namespace}/${shell.name}`} className="text-sky-700 hover:underline dark:text-sky-400">
              {shell.name}
            </Link>
            ; the node&apos;s tools run with <code>chroot /host</code>: <code>chroot /host crictl ps</code>, <code>chroot /host systemctl status kubelet</code>,{' '}
            <code>chroot /host journalctl -u kubelet</code>, <code>ls /host/etc/kubernetes/manifests</code>. Delete the pod when done.
          </p>
          {shell.state === 'starting' && <p className="text-slate-500">Waiting for the debugging pod to run…</p>}
          {shell.state === 'failed' && <ErrorState error={shell.why ?? 'the debugging pod did not start'} title="The shell could not start" />}
          {shell.state === 'running' && <GuardedTerminal namespace={shell.namespace} name={shell.name} containers={['debugger']} />}
        </div>
      )}
    </section>
  );
}
