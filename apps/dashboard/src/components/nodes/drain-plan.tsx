import Link from 'next/link';
import { podHref, podKey } from '@/components/overview/cluster-model';
import { StatusBadge } from '@/components/ui/status-badge';
import type { DrainNodeMutation } from '@/lib/graphql-types.generated';
import type { NodePod } from './use-live-node';

export type DrainResult = Pick<DrainNodeMutation['drainNode'], 'evicted' | 'errors'>;

/** What a drain will do, before it runs: the pods it evicts and the ones it leaves. */
export function DrainPlan({ node, pods, evictable }: { node: string; pods: NodePod[]; evictable: string[] }) {
  const evict = new Set(evictable);
  const kept = pods.filter((pod) => !evict.has(podKey(pod)));
  return (
    <>
      <p>
        The node is cordoned, then each pod below is evicted through the Eviction API, as <code className="font-mono text-xs">kubectl drain --ignore-daemonsets</code>. A PodDisruptionBudget may refuse an eviction: the refusal is reported and the pod stays.
      </p>
      {evictable.length === 0 ? (
        <p className="font-medium">No pod to evict on {node}.</p>
      ) : (
        <div>
          <p className="mb-1 font-medium">
            {evictable.length} pod{evictable.length === 1 ? '' : 's'} will be evicted:
          </p>
          <ul data-testid="drain-evict-list" className="max-h-48 space-y-0.5 overflow-y-auto rounded border border-slate-200 p-2 font-mono text-xs dark:border-slate-700">
            {pods
              .filter((pod) => evict.has(podKey(pod)))
              .map((pod) => (
                <li key={podKey(pod)} className="flex items-center justify-between gap-2">
                  <span className="truncate">{podKey(pod)}</span>
                  <StatusBadge status={pod.status} />
                </li>
              ))}
          </ul>
        </div>
      )}
      {kept.length > 0 && (
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Left in place: {kept.map((pod) => `${podKey(pod)} (${pod.ownerChain?.[0]?.kind === 'DaemonSet' ? 'DaemonSet' : 'already terminating'})`).join(', ')}.
        </p>
      )}
    </>
  );
}

const evictedHref = (name: string): string => {
  const [namespace, pod] = name.includes('/') ? name.split('/', 2) : ['default', name];
  return podHref({ namespace, name: pod });
};

/** The drain's answer: what was evicted and what was refused (PDBs), with links. */
export function DrainOutcome({ result }: { result: DrainResult }) {
  return (
    <div className="space-y-2" data-testid="drain-result">
      <p className="font-medium">
        Drain finished: {result.evicted.length} pod{result.evicted.length === 1 ? '' : 's'} evicted
        {result.errors.length ? `, ${result.errors.length} refused` : ''}.{result.evicted.length > 0 && ' Their controllers recreate them on other nodes.'}
      </p>
      {result.evicted.length > 0 && (
        <p className="text-xs">
          Evicted:{' '}
          {result.evicted.map((name, i) => (
            <span key={name}>
              {i > 0 && ', '}
              <Link href={evictedHref(name)} className="underline">
                {name}
              </Link>
            </span>
          ))}
        </p>
      )}
      {result.errors.length > 0 && (
        <ul role="alert" data-testid="drain-errors" className="list-inside list-disc rounded border border-red-200 bg-red-50 p-2 text-xs text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          {result.errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      )}
      {result.errors.length > 0 && <p className="text-xs">The refused pods stay on the node (it remains cordoned). Drain again once their budgets allow a disruption, e.g. when the replacement pods are Ready.</p>}
    </div>
  );
}
