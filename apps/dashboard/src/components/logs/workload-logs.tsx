'use client';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { WorkloadKindName } from '../events/event-timeline';
import { LOG_LINE_FIELDS, POD_COLOURS } from './log-model';
import { LogViewer } from './log-viewer';
import { useLogStream } from './use-log-stream';

const WORKLOAD_LOGS = /* GraphQL */ `subscription WorkloadLogs($kind: WorkloadKind!, $namespace: String!, $name: String!, $tailLines: Int) {
  workloadLogs(kind: $kind, namespace: $namespace, name: $name, tailLines: $tailLines) { ...LogLineFields }
}
${LOG_LINE_FIELDS}`;

/** Logs merged across all pods of a workload (workloadLogs subscription), each pod's prefix in its colour. Agreed interface. */
export function WorkloadLogs(props: { kind: WorkloadKindName; namespace: string; name: string }) {
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const variables = { kind: props.kind, namespace: props.namespace, name: props.name, tailLines: 100 };
  return <WorkloadLogStream key={`${attempt}:${JSON.stringify(variables)}`} variables={variables} onRetry={retry} />;
}

const RECONNECT_MS = 10_000;

function WorkloadLogStream({ variables, onRetry }: { variables: { kind: WorkloadKindName; namespace: string; name: string; tailLines: number }; onRetry: () => void }) {
  const stream = useLogStream(WORKLOAD_LOGS, 'workloadLogs', variables);
  // Pods come and go (rollouts, crash loops): when the merged stream stops, open it again.
  const stopped = stream.live.status === 'ended' || stream.live.status === 'error';
  useEffect(() => {
    if (!stopped) return;
    const timer = setTimeout(onRetry, RECONNECT_MS);
    return () => clearTimeout(timer);
  }, [stopped, onRetry]);
  const [pod, setPod] = useState('');

  // Colours by order of first appearance, so a pod keeps its colour while the stream runs.
  const pods = useMemo(() => {
    const seen = new Map<string, string>();
    for (const line of stream.lines) if (!seen.has(line.pod)) seen.set(line.pod, POD_COLOURS[seen.size % POD_COLOURS.length]);
    return seen;
  }, [stream.lines]);
  const lines = useMemo(() => (pod ? stream.lines.filter((l) => l.pod === pod) : stream.lines), [stream.lines, pod]);

  const controls = (
    <label className="flex items-center gap-1 text-xs text-slate-500">
      Pod
      <select aria-label="Pod" value={pod} onChange={(e) => setPod(e.target.value)} className="max-w-64 rounded-md border border-slate-300 bg-white px-2 py-1 text-xs dark:border-slate-700 dark:bg-slate-900">
        <option value="">All pods ({pods.size})</option>
        {[...pods.keys()].sort().map((p) => (
          <option key={p}>{p}</option>
        ))}
        {pod && !pods.has(pod) && <option>{pod}</option>}
      </select>
    </label>
  );
  return (
    <LogViewer
      lines={lines}
      dropped={stream.dropped}
      live={stream.live}
      fileName={`${variables.kind.toLowerCase()}-${variables.name}.log`}
      podClass={(p) => pods.get(p) ?? POD_COLOURS[0]}
      controls={controls}
      onClear={stream.clear}
      onRetry={onRetry}
    />
  );
}
