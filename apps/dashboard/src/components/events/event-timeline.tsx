'use client';
export type WorkloadKindName = 'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob';

/** What the timeline shows: the GraphQL EventFilter (with includeRelated for a workload's ReplicaSets and pods). */
export interface TimelineFilter {
  namespace?: string;
  kind?: string;
  name?: string;
  uid?: string;
  type?: string;
  reason?: string;
  includeRelated?: boolean;
}

/** A live, filterable event timeline (events query + events subscription), warnings highlighted. Agreed interface. */
export function EventTimeline(props: { filter: TimelineFilter; compact?: boolean }) {
  return <p className="text-sm text-slate-500">Events ({JSON.stringify(props.filter)}) are not wired yet.</p>;
}
