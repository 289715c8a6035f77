'use client';
import type { WorkloadKindName } from '../events/event-timeline';
/** Logs merged across all pods of a workload (workloadLogs subscription). Agreed interface. */
export function WorkloadLogs(props: { kind: WorkloadKindName; namespace: string; name: string }) {
  return <p className="text-sm text-slate-500">Logs for {props.kind} {props.namespace}/{props.name} are not wired yet.</p>;
}
