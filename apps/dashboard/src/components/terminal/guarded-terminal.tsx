'use client';
import { DeniedNote } from '@/components/access/denied-note';
import { usePermissions } from '@/lib/permissions';
import { PodTerminal } from './pod-terminal';

/** The pod's terminal, or, for a user RBAC refuses exec, the reason instead of a shell that would fail on every line. */
export function GuardedTerminal(props: { namespace: string; name: string; containers: string[] }) {
  const [exec] = usePermissions([{ verb: 'create', resource: 'pods', subresource: 'exec', namespace: props.namespace }]);
  if (exec && !exec.allowed)
    return (
      <div className="rounded-lg border border-amber-200 bg-amber-50 p-4 dark:border-amber-900 dark:bg-amber-950/40">
        <p className="mb-1 text-sm font-medium text-amber-900 dark:text-amber-100">No terminal for this pod</p>
        <DeniedNote reasons={[exec.reason ?? `you cannot create pods/exec in ${props.namespace} (RBAC)`]} />
      </div>
    );
  return <PodTerminal {...props} />;
}
