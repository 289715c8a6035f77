'use client';
/** A pod's logs, streaming (podLogs subscription), with search, timestamps and a container picker. Owned by the logs work; this is its agreed interface. */
export function PodLogs(props: { namespace: string; name: string; containers: string[] }) {
  return <p className="text-sm text-slate-500">Logs for {props.namespace}/{props.name} are not wired yet.</p>;
}
