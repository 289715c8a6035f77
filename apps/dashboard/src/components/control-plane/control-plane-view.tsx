'use client';
import Link from 'next/link';
import { useEffect } from 'react';
import { formatAge, useNow } from '@/components/ui/age';
import { ErrorState, Loading } from '@/components/ui/states';
import { StatusBadge } from '@/components/ui/status-badge';
import { useQuery } from '@/lib/graphql';
import type { ControlPlaneQuery } from '@/lib/graphql-types.generated';

const CONTROL_PLANE = /* GraphQL */ `
  query ControlPlane {
    controlPlane {
      revision
      writesPerSecond
      components {
        name
        role
        podName
        nodeName
        status
        healthy
        restarts
        startedAt
        leaseHolder
        leaseRenewTime
        figures {
          label
          value
          source
        }
      }
    }
  }
`;

type Component = ControlPlaneQuery['controlPlane']['components'][number];

const REFRESH_MS = 5_000;

function ComponentCard({ component, now }: { component: Component; now: number }) {
  const podHref = component.podName ? `/pods/kube-system/${component.podName}` : undefined;
  return (
    <article aria-label={component.name} data-testid={`component-${component.name}`} className="flex flex-col rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <header className="flex items-start justify-between gap-2">
        <div>
          <h2 className="font-mono text-base font-semibold">{component.name}</h2>
          <p className="text-xs text-slate-500">{component.role}</p>
        </div>
        <StatusBadge status={component.status} tone={component.healthy ? 'ok' : component.status === 'Missing' ? 'neutral' : 'error'} />
      </header>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-500">Pod</dt>
        <dd className="truncate font-mono text-xs leading-5">{podHref ? <Link href={podHref} className="text-sky-700 hover:underline dark:text-sky-400">{component.podName}</Link> : '—'}</dd>
        <dt className="text-slate-500">Up</dt>
        <dd>
          {formatAge(component.startedAt, now)}
          {component.restarts > 0 && <span className="ml-2 text-amber-700 dark:text-amber-400">{component.restarts} restarts</span>}
        </dd>
        {component.leaseHolder !== undefined && component.leaseHolder !== null && (
          <>
            <dt className="text-slate-500">Leader</dt>
            <dd className="truncate font-mono text-xs leading-5" title={`renewed ${formatAge(component.leaseRenewTime, now)} ago`}>
              {component.leaseHolder}
            </dd>
          </>
        )}
      </dl>
      {component.figures.length > 0 && (
        <ul className="mt-3 space-y-1 border-t border-slate-100 pt-3 dark:border-slate-800">
          {component.figures.map((figure) => (
            <li key={figure.label} className="text-sm">
              <div className="flex items-baseline justify-between gap-2">
                <span className="text-slate-600 dark:text-slate-400">{figure.label}</span>
                <span className="font-semibold tabular-nums">{figure.value}</span>
              </div>
              {figure.source && <p className="text-xs text-slate-500">{figure.source}</p>}
            </li>
          ))}
        </ul>
      )}
      {podHref && (
        <footer className="mt-auto flex gap-3 pt-3 text-sm">
          <Link href={`${podHref}?tab=logs`} className="text-sky-700 hover:underline dark:text-sky-400">
            Logs
          </Link>
          <Link href={`${podHref}?tab=events`} className="text-sky-700 hover:underline dark:text-sky-400">
            Events
          </Link>
        </footer>
      )}
    </article>
  );
}

/** The control plane as parts: one card per kubeadm component, refreshed every few seconds. */
export function ControlPlaneView() {
  const { data, error, refetch } = useQuery<ControlPlaneQuery>(CONTROL_PLANE);
  const now = useNow(REFRESH_MS);
  useEffect(() => {
    const timer = setInterval(() => void refetch(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refetch]);
  if (error && !data) return <ErrorState error={error} title="The control plane could not be read" />;
  if (!data) return <Loading label="Reading the control plane…" />;
  const { components } = data.controlPlane;
  const unhealthy = components.filter((c) => !c.healthy && c.status !== 'Missing');
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600 dark:text-slate-400" role="status">
        {unhealthy.length === 0 ? 'Every component is healthy.' : `${unhealthy.map((c) => c.name).join(', ')} ${unhealthy.length === 1 ? 'is' : 'are'} not healthy.`}
      </p>
      <div className="grid gap-4 md:grid-cols-2">
        {components.map((component) => (
          <ComponentCard key={component.name} component={component} now={now} />
        ))}
      </div>
    </div>
  );
}
