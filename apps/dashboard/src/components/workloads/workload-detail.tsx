'use client';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { EventTimeline } from '@/components/events/event-timeline';
import { WorkloadLogs } from '@/components/logs/workload-logs';
import { RevisionHistory } from '@/components/rollout/revision-history';
import { RolloutActions } from '@/components/rollout/rollout-actions';
import { RolloutView } from '@/components/rollout/rollout-view';
import { SetImageForm } from '@/components/rollout/set-image-form';
import { RetryableError } from '@/components/ui/retryable-error';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { StatusBadge } from '@/components/ui/status-badge';
import { UrlTabs, useTab } from '@/components/ui/url-tabs';
import { useThrottled } from '@/components/ui/use-throttle';
import { YamlView } from '@/components/ui/yaml-view';
import { useQuery, useSubscription } from '@/lib/graphql';
import type { WorkloadKind, WorkloadDetailChangesSubscription, WorkloadDetailChangesSubscriptionVariables, WorkloadQuery, WorkloadQueryVariables } from '@/lib/graphql-types.generated';
import { WorkloadOverview } from './workload-overview';
import { useWorkloadPods } from './workload-pods';
import { KIND_PLURAL, WORKLOAD_DETAIL, isWorkloadKind, type WorkloadDetail as Workload } from './workload-types';

const CHANGES = /* GraphQL */ `subscription WorkloadDetailChanges($kinds: [String!]!, $namespace: String) { objectChanges(kinds: $kinds, namespace: $namespace) { type kind name } }`;

// A Deployment's own events too: its ScalingReplicaSet events feed the rollout's step log.
const WATCHED: Record<string, string[]> = { Deployment: ['Deployment', 'ReplicaSet', 'Pod', 'Event'], CronJob: ['CronJob', 'Job', 'Pod'] };

/** A workload's page. Kept live by refetching on each batch of changes to it, its children or its pods (at most 4 times a second). */
export function WorkloadDetail({ kind, namespace, name }: { kind: string; namespace: string; name: string }) {
  const valid = isWorkloadKind(kind);
  const tabs = kind === 'Deployment' ? ['overview', 'history', 'events', 'logs', 'yaml'] : ['overview', 'events', 'logs', 'yaml'];
  const tab = useTab(tabs, 'overview');
  const { data, error, loading, refetch } = useQuery<WorkloadQuery, WorkloadQueryVariables>(WORKLOAD_DETAIL, { kind: kind as WorkloadKind, namespace, name }, { skip: !valid }); // skipped unless the kind is valid
  const [deleted, setDeleted] = useState(false);
  const [version, setVersion] = useState(0);
  // The last state seen, kept on screen when the workload goes away (the page is keyed by kind/namespace/name).
  const [last, setLast] = useState<Workload>();
  useEffect(() => {
    if (data?.workload) setLast(data.workload);
  }, [data]);
  const refetchSoon = useThrottled(() => void refetch(), 250);
  const pods = useWorkloadPods(kind, namespace, name, version, !valid);
  useSubscription<WorkloadDetailChangesSubscription, WorkloadDetailChangesSubscriptionVariables>(
    CHANGES,
    { kinds: WATCHED[kind] ?? [kind, 'Pod'], namespace },
    ({ objectChanges }) => {
      // Children and pods of a workload are named after it (web → web-7d9 → web-7d9-x2x4z), and its events after it and a dot.
      const relevant = objectChanges.filter((c) => (c.kind === 'Event' ? c.name.startsWith(`${name}.`) : c.name === name || c.name.startsWith(`${name}-`)));
      if (!relevant.length) return;
      const own = relevant.filter((c) => c.kind === kind && c.name === name);
      if (own.length) setDeleted(own[own.length - 1].type === 'DELETED');
      setVersion((v) => v + 1);
      refetchSoon();
    },
    { skip: !valid },
  );

  if (!valid) return <ErrorState title="Unknown workload kind" error={`"${kind}" is not one of Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob.`} />;
  if (loading && !data) return <Loading label={`Loading ${kind} ${name}…`} />;
  if (error && !data) return <RetryableError error={error} title={`Could not load ${kind} ${namespace}/${name}`} retry={refetch} />;
  const w = data?.workload ?? last;
  const gone = deleted || (data?.workload === null && !!last);
  if (!w)
    return (
      <EmptyState title={`${kind} ${namespace}/${name} does not exist`}>
        <Link href={`/workloads?kind=${kind}&namespace=${encodeURIComponent(namespace)}`} className="text-sky-700 hover:underline dark:text-sky-300">
          {KIND_PLURAL[kind]} in {namespace}
        </Link>
      </EmptyState>
    );
  const onChanged = () => void refetch();
  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href={`/workloads?kind=${kind}`} className="hover:underline">
          {KIND_PLURAL[kind]}
        </Link>{' '}
        /{' '}
        <Link href={`/workloads?kind=${kind}&namespace=${encodeURIComponent(namespace)}`} className="hover:underline">
          {namespace}
        </Link>
      </nav>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold break-all">
            <span className="mr-2 text-base font-normal text-slate-500">{kind}</span>
            {w.name}
          </h1>
          <StatusBadge status={gone ? 'Deleted' : w.status} />
        </div>
        <div className="flex flex-wrap items-start gap-2">
          <RolloutActions kind={kind} namespace={namespace} name={name} desired={w.desired} paused={w.paused} owned={w.ownerChain.length > 0} onDone={onChanged} />
          {(kind === 'Deployment' || kind === 'StatefulSet' || kind === 'DaemonSet') && <SetImageForm namespace={namespace} manifest={w.manifest} onDone={onChanged} />}
        </div>
      </div>
      {gone && <ErrorState title={`This ${kind} was deleted`} error="What you see is its last state." />}
      {error && <ErrorState error={error} title="Could not refresh; showing the last state loaded" />}
      <UrlTabs current={tab} tabs={tabs.map((id) => ({ id, label: id === 'yaml' ? 'YAML' : id[0].toUpperCase() + id.slice(1) }))} />
      <div role="tabpanel" className="space-y-6">
        {tab === 'overview' && (
          <>
            {w.rollout && <RolloutView namespace={namespace} rollout={w.rollout} paused={w.paused} failed={w.status === 'Failed'} events={w.events} pods={pods.pods} />}
            <WorkloadOverview workload={w} pods={pods} />
          </>
        )}
        {tab === 'history' && <RevisionHistory namespace={namespace} name={name} version={(w.revision ?? 0) * 1000 + w.children.length} onRolledBack={onChanged} />}
        {tab === 'events' && <EventTimeline filter={{ namespace, kind, name, includeRelated: true }} />}
        {tab === 'logs' && <WorkloadLogs kind={kind} namespace={namespace} name={name} />}
        {tab === 'yaml' && <YamlView yaml={w.yaml} title={`${w.name}.yaml`} />}
      </div>
    </div>
  );
}
