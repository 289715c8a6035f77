'use client';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { EventTimeline } from '@/components/events/event-timeline';
import { PodLogs } from '@/components/logs/pod-logs';
import { GuardedTerminal } from '@/components/terminal/guarded-terminal';
import { RetryableError } from '@/components/ui/retryable-error';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { StatusBadge } from '@/components/ui/status-badge';
import { UrlTabs, useTab } from '@/components/ui/url-tabs';
import { useThrottled } from '@/components/ui/use-throttle';
import { YamlView } from '@/components/ui/yaml-view';
import { useQuery, useSubscription } from '@/lib/graphql';
import type { PodDetailChangesSubscription, PodDetailChangesSubscriptionVariables, PodQuery, PodQueryVariables } from '@/lib/graphql-types.generated';
import { PodOverview } from './pod-overview';
import { POD_DETAIL, type PodDetail as Pod } from './pod-detail-types';
import { SchedulingReasons } from './scheduling-reasons';

const POD_CHANGES = /* GraphQL */ `subscription PodDetailChanges($namespace: String) { objectChanges(kinds: ["Pod"], namespace: $namespace) { type name } }`;
const TABS = ['overview', 'logs', 'terminal', 'events', 'yaml', 'scheduling'];

/** A pod's page: header, tabs (?tab=), kept live by refetching when the pod changes. */
export function PodDetail({ namespace, name }: { namespace: string; name: string }) {
  const tab = useTab(TABS, 'overview');
  const { data, error, loading, refetch } = useQuery<PodQuery, PodQueryVariables>(POD_DETAIL, { namespace, name });
  const [deleted, setDeleted] = useState(false);
  // The last state seen, kept on screen when the pod goes away (the page is keyed by namespace/name).
  const [last, setLast] = useState<Pod>();
  useEffect(() => {
    if (data?.pod) setLast(data.pod);
  }, [data]);
  const refetchSoon = useThrottled(() => void refetch(), 500);
  useSubscription<PodDetailChangesSubscription, PodDetailChangesSubscriptionVariables>(POD_CHANGES, { namespace }, ({ objectChanges }) => {
    const mine = objectChanges.filter((c) => c.name === name);
    if (!mine.length) return;
    setDeleted(mine[mine.length - 1].type === 'DELETED');
    refetchSoon();
  });

  if (loading && !data) return <Loading label="Loading pod…" />;
  if (error && !data) return <RetryableError error={error} title="Could not load the pod" retry={refetch} />;
  const pod = data?.pod ?? last;
  const gone = deleted || (data?.pod === null && !!last);
  if (!pod)
    return (
      <EmptyState title={`Pod ${namespace}/${name} does not exist`}>
        It may have been deleted (a Deployment replaces its pods on every rollout). <Link href={`/pods?namespace=${encodeURIComponent(namespace)}`} className="text-sky-700 hover:underline dark:text-sky-300">Pods in {namespace}</Link>
      </EmptyState>
    );
  const containers = pod.containers.map((c) => c.name);
  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href="/pods" className="hover:underline">
          Pods
        </Link>{' '}
        /{' '}
        <Link href={`/pods?namespace=${encodeURIComponent(namespace)}`} className="hover:underline">
          {namespace}
        </Link>
      </nav>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold break-all">{pod.name}</h1>
        <StatusBadge status={gone ? 'Deleted' : pod.deletionTimestamp ? 'Terminating' : pod.status} />
      </div>
      {gone && <ErrorState title="This pod was deleted" error="What you see is its last state." />}
      {error && <ErrorState error={error} title="Could not refresh; showing the last state loaded" />}
      <UrlTabs
        current={tab}
        tabs={[
          { id: 'overview', label: 'Overview' },
          { id: 'logs', label: 'Logs' },
          { id: 'terminal', label: 'Terminal' },
          { id: 'events', label: 'Events' },
          { id: 'yaml', label: 'YAML' },
          { id: 'scheduling', label: 'Scheduling', badge: pod.scheduling ? '!' : undefined, tone: 'warning' },
        ]}
      />
      <div role="tabpanel">
        {tab === 'overview' && <PodOverview pod={pod} />}
        {tab === 'logs' && <PodLogs namespace={namespace} name={name} containers={containers} />}
        {tab === 'terminal' && <GuardedTerminal namespace={namespace} name={name} containers={containers} />}
        {tab === 'events' && <EventTimeline filter={{ namespace, kind: 'Pod', name, uid: pod.uid }} />}
        {tab === 'yaml' && <YamlView yaml={pod.yaml} title={`${pod.name}.yaml`} />}
        {tab === 'scheduling' &&
          (pod.scheduling ? (
            <SchedulingReasons scheduling={pod.scheduling} podRequests={pod.requests} />
          ) : (
            <EmptyState title={pod.nodeName ? `Scheduled to ${pod.nodeName}` : 'No scheduling record'}>
              {pod.nodeName ? (
                <>
                  The scheduler placed this pod on{' '}
                  <Link href={`/nodes/${encodeURIComponent(pod.nodeName)}`} className="text-sky-700 hover:underline dark:text-sky-300">
                    {pod.nodeName}
                  </Link>
                  . {pod.conditions.find((c) => c.type === 'PodScheduled')?.lastTransitionTime ? `(${new Date(pod.conditions.find((c) => c.type === 'PodScheduled')!.lastTransitionTime!).toLocaleString()})` : ''}
                </>
              ) : (
                'The pod is not bound to a node and the scheduler has not recorded why yet.'
              )}
            </EmptyState>
          ))}
      </div>
    </div>
  );
}
