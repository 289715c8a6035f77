'use client';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { currentCluster } from '@/lib/cluster';
import type { ShellSession, ShellTarget } from './shell-session';

const THEME = {
  background: '#020617',
  foreground: '#e2e8f0',
  cursor: '#38bdf8',
  selectionBackground: '#334155',
  black: '#0f172a',
  red: '#f87171',
  green: '#4ade80',
  yellow: '#fbbf24',
  blue: '#60a5fa',
  magenta: '#e879f9',
  cyan: '#22d3ee',
  white: '#e2e8f0',
};

/** An xterm.js terminal running `sh` in the pod, over the API server's pods/exec WebSocket (see ShellSession). Agreed interface. */
export function PodTerminal(props: { namespace: string; name: string; containers: string[] }) {
  const [container, setContainer] = useState(props.containers[0] ?? '');
  const [failure, setFailure] = useState<string>();
  const [ready, setReady] = useState(false);
  const host = useRef<HTMLDivElement>(null);
  const session = useRef<ShellSession | undefined>(undefined);
  // The containers may arrive after the first render (the pod query): fall back to the first one.
  const chosen = props.containers.includes(container) ? container : (props.containers[0] ?? '');
  const target = useRef<ShellTarget>({ namespace: props.namespace, pod: props.name, container: chosen });
  target.current = { namespace: props.namespace, pod: props.name, container: chosen, cluster: currentCluster() };

  const hasContainers = props.containers.length > 0;
  useEffect(() => {
    if (!hasContainers) return;
    let disposed = false;
    let cleanup: (() => void) | undefined;
    // xterm touches `window` when it loads: import it here, in the browser only.
    Promise.all([import('@xterm/xterm'), import('@xterm/addon-fit'), import('./shell-session')])
      .then(([{ Terminal }, { FitAddon }, { ShellSession }]) => {
        if (disposed || !host.current) return;
        const term = new Terminal({ cursorBlink: true, fontSize: 13, fontFamily: 'ui-monospace, "DejaVu Sans Mono", monospace', theme: THEME, scrollback: 5000 });
        const fit = new FitAddon();
        term.loadAddon(fit);
        term.open(host.current);
        fit.fit();
        const observer = new ResizeObserver(() => {
          try {
            fit.fit();
          } catch {
            // the element is being removed
          }
        });
        observer.observe(host.current);
        const shell = new ShellSession(term, () => target.current);
        session.current = shell;
        shell.start();
        term.focus();
        setReady(true);
        cleanup = () => {
          observer.disconnect();
          shell.dispose();
          term.dispose();
          session.current = undefined;
        };
      })
      .catch((error: unknown) => setFailure(error instanceof Error ? error.message : String(error)));
    return () => {
      disposed = true;
      cleanup?.();
    };
  }, [props.namespace, props.name, hasContainers]);

  if (props.containers.length === 0) return <EmptyState title="This pod has no containers to run commands in" />;
  if (failure) return <ErrorState error={failure} title="The terminal could not start" />;

  return (
    <section className="flex flex-col gap-2" aria-label="Terminal">
      <div className="flex flex-wrap items-center gap-3 text-xs text-slate-500">
        <label className="flex items-center gap-1">
          Container
          <select
            aria-label="Container"
            value={chosen}
            onChange={(e) => {
              setContainer(e.target.value);
              target.current = { ...target.current, container: e.target.value };
              session.current?.switched();
            }}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs text-slate-800 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200"
          >
            {props.containers.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <span>{ready ? 'sh in the container, as kubectl exec -it: ←/→ edit, ↑/↓ history, Ctrl+C interrupts, Ctrl+D or exit ends it' : 'Starting the terminal…'}</span>
      </div>
      <div className="rounded-lg border border-slate-800 bg-slate-950 p-2">
        <div ref={host} data-testid="terminal" data-ready={ready ? 'true' : 'false'} className="h-[min(60vh,32rem)] w-full" />
      </div>
    </section>
  );
}
