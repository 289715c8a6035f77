'use client';
import Link from 'next/link';
import { useQuery } from '@/lib/graphql';
import { objectHref } from '@/components/ui/object-href';
import { ErrorState, Loading } from '@/components/ui/states';
import { StatusBadge } from '@/components/ui/status-badge';
import { ExtraSection } from './extra-section';
import { SERVICE_RELATIONS } from './kind-extra-queries';

interface PodJson {
  metadata: { name: string; namespace?: string };
  spec?: { nodeName?: string };
  status?: { phase?: string; podIP?: string; conditions?: { type: string; status: string }[] };
}

interface EndpointSliceJson {
  metadata: { name: string };
  ports?: { name?: string; port?: number; protocol?: string }[];
  endpoints?: { addresses?: string[]; nodeName?: string; conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean }; targetRef?: { kind?: string; name?: string } }[];
}

interface ServiceRelations {
  object: { selectedPods: { raw: PodJson }[] | null; endpointSlices: { raw: EndpointSliceJson }[] | null } | null;
}

export const podReady = (pod: { status?: { conditions?: { type: string; status: string }[] } }) => pod.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') ?? false;

/** A Service's endpoints (from its EndpointSlices, each with ready/serving/terminating as the slice says) and the pods its selector picks, ready or not. */
export function ServiceExtras({ namespace, name, selector }: { namespace: string; name: string; selector?: Record<string, string> }) {
  const { data, error, loading } = useQuery<ServiceRelations>(SERVICE_RELATIONS, { namespace, name });
  if (loading && !data) return <Loading label="Reading the Service's endpoints and pods…" />;
  if (error) return <ErrorState error={error} title="Endpoints and pods" />;
  const pods = (data?.object?.selectedPods ?? []).map((each) => each.raw);
  const slices = (data?.object?.endpointSlices ?? []).map((each) => each.raw);
  const endpoints = slices.flatMap((slice) => (slice.endpoints ?? []).map((endpoint) => ({ slice, endpoint })));
  const selectorText = Object.entries(selector ?? {}).map(([key, value]) => `${key}=${value}`).join(',');
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <ExtraSection title="Selected pods" testId="service-pods" note={selectorText ? `selector ${selectorText}` : 'no selector: the Service selects no pods (its endpoints are managed by hand)'}>
        {pods.length === 0 ? (
          <p className="text-slate-500">No pod matches.</p>
        ) : (
          <table className="min-w-full">
            <thead className="text-left text-xs text-slate-500 uppercase">
              <tr>
                <th className="py-1 pr-3">Pod</th>
                <th className="py-1 pr-3">Ready</th>
                <th className="py-1 pr-3">IP</th>
                <th className="py-1">Node</th>
              </tr>
            </thead>
            <tbody>
              {pods.map((pod) => (
                <tr key={pod.metadata.name} data-pod={pod.metadata.name} data-ready={String(podReady(pod))}>
                  <td className="py-1 pr-3">
                    <Link href={objectHref({ kind: 'Pod', namespace, name: pod.metadata.name }) ?? '#'} className="text-sky-700 hover:underline dark:text-sky-400">
                      {pod.metadata.name}
                    </Link>
                  </td>
                  <td className="py-1 pr-3">
                    <StatusBadge status={podReady(pod) ? 'Ready' : pod.status?.phase === 'Running' ? 'NotReady' : (pod.status?.phase ?? 'Pending')} />
                  </td>
                  <td className="py-1 pr-3 font-mono text-xs">{pod.status?.podIP ?? '—'}</td>
                  <td className="py-1">{pod.spec?.nodeName ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ExtraSection>
      <ExtraSection title="Endpoints" testId="service-endpoints" note={`${slices.length} EndpointSlice${slices.length === 1 ? '' : 's'} labelled kubernetes.io/service-name=${name}`}>
        {endpoints.length === 0 ? (
          <p className="text-slate-500">No endpoints: traffic to this Service gets nowhere.</p>
        ) : (
          <table className="min-w-full">
            <thead className="text-left text-xs text-slate-500 uppercase">
              <tr>
                <th className="py-1 pr-3">Address</th>
                <th className="py-1 pr-3">Ports</th>
                <th className="py-1 pr-3">Condition</th>
                <th className="py-1">Target</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.map(({ slice, endpoint }, index) => {
                // A nil ready or serving counts as true, a nil terminating as false (discovery/v1's field comments).
                const ready = endpoint.conditions?.ready ?? true;
                const condition = endpoint.conditions?.terminating ? 'Terminating' : ready ? 'Ready' : (endpoint.conditions?.serving ?? true) ? 'Serving' : 'NotReady';
                return (
                  <tr key={`${slice.metadata.name}/${index}`} data-endpoint={endpoint.targetRef?.name ?? endpoint.addresses?.[0]} data-ready={String(ready)}>
                    <td className="py-1 pr-3 font-mono text-xs">{(endpoint.addresses ?? []).join(', ')}</td>
                    <td className="py-1 pr-3 font-mono text-xs">{(slice.ports ?? []).map((port) => `${port.port}/${port.protocol ?? 'TCP'}`).join(', ')}</td>
                    <td className="py-1 pr-3">
                      <StatusBadge status={condition} />
                    </td>
                    <td className="py-1">{endpoint.targetRef?.name ? `${endpoint.targetRef.kind ?? ''}/${endpoint.targetRef.name}` : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </ExtraSection>
    </div>
  );
}
