'use client';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { EmptyState } from '@/components/ui/states';
import { LOG_LINE_FIELDS } from './log-model';
import { LogViewer } from './log-viewer';
import { useLogStream } from './use-log-stream';

const POD_LOGS = /* GraphQL */ `subscription PodLogs($namespace: String!, $name: String!, $container: String, $tailLines: Int, $previous: Boolean) {
  podLogs(namespace: $namespace, name: $name, container: $container, tailLines: $tailLines, previous: $previous) { ...LogLineFields }
}
${LOG_LINE_FIELDS}`;

const select = 'rounded-md border border-slate-300 bg-white px-2 py-1 text-xs dark:border-slate-700 dark:bg-slate-900';

/** A pod's logs, streaming (podLogs subscription), with search, timestamps and a container picker. Agreed interface. */
export function PodLogs(props: { namespace: string; name: string; containers: string[] }) {
  const [container, setContainer] = useState(props.containers[0] ?? '');
  const [previous, setPrevious] = useState(false);
  const [tailLines, setTailLines] = useState(200);
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const chosen = props.containers.includes(container) ? container : (props.containers[0] ?? '');
  if (props.containers.length === 0) return <EmptyState title="This pod has no containers" />;

  const controls = (
    <>
      <label className="flex items-center gap-1 text-xs text-slate-500">
        Container
        <select className={select} value={chosen} onChange={(e) => setContainer(e.target.value)} aria-label="Container">
          {props.containers.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-1 text-xs text-slate-500">
        From
        <select className={select} value={tailLines} onChange={(e) => setTailLines(Number(e.target.value))} aria-label="Lines to load">
          {[100, 200, 1000, 5000].map((n) => (
            <option key={n} value={n}>
              last {n} lines
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-1.5 text-xs text-slate-700 dark:text-slate-300" title="Logs of the container's previous instance (after a restart), as kubectl logs --previous">
        <input type="checkbox" checked={previous} onChange={(e) => setPrevious(e.target.checked)} className="accent-sky-600" />
        Previous container
      </label>
    </>
  );
  const variables = { namespace: props.namespace, name: props.name, container: chosen, tailLines, previous };
  return <PodLogStream key={`${attempt}:${JSON.stringify(variables)}`} variables={variables} controls={controls} onRetry={retry} />;
}

const RETRY_MS = 10_000;

function PodLogStream({ variables, controls, onRetry }: { variables: { namespace: string; name: string; container: string; tailLines: number; previous: boolean }; controls: ReactNode; onRetry: () => void }) {
  const stream = useLogStream(POD_LOGS, 'podLogs', variables);
  // A container that is still waiting (pulling, crash back-off) has no logs yet: try again, as `kubectl logs -f` users do by hand.
  const failed = stream.live.status === 'error' && stream.lines.length === 0 && !variables.previous;
  useEffect(() => {
    if (!failed) return;
    const timer = setTimeout(onRetry, RETRY_MS);
    return () => clearTimeout(timer);
  }, [failed, onRetry]);
  const fileName = `${variables.name}-${variables.container}${variables.previous ? '-previous' : ''}.log`;
  return <LogViewer lines={stream.lines} dropped={stream.dropped} live={stream.live} fileName={fileName} controls={controls} onClear={stream.clear} onRetry={onRetry} />;
}
