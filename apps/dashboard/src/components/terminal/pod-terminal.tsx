'use client';
/** An xterm.js terminal into the pod's simulated shell (execCommand mutation per line). Agreed interface. */
export function PodTerminal(props: { namespace: string; name: string; containers: string[] }) {
  return <p className="text-sm text-slate-500">The terminal for {props.namespace}/{props.name} is not wired yet.</p>;
}
