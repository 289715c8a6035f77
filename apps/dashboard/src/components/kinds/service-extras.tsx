'use client';
import Link from 'next/link';
import { useQuery } from '@/lib/graphql';
import { objectHref } from '@/components/ui/object-href';
import { ErrorState, Loading } from '@/components/ui/states';
import { StatusBadge } from '@/components/ui/status-badge';
import { type Column, DataTable, linkClass } from '@/components/ui/data-table';
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
        {pods.length === 0 ? <p className="text-slate-500">No pod matches.</p> : <DataTable look="plain" columns={podColumns(namespace)} rows={pods} rowKey={(pod) => pod.metadata.name} rowProps={(pod) => ({ 'data-pod': pod.metadata.name, 'data-ready': String(podReady(pod)) })} />}
      </ExtraSection>
      <ExtraSection title="Endpoints" testId="service-endpoints" note={`${slices.length} EndpointSlice${slices.length === 1 ? '' : 's'} labelled kubernetes.io/service-name=${name}`}>
        {endpoints.length === 0 ? (
          <p className="text-slate-500">No endpoints: traffic to this Service gets nowhere.</p>
        ) : (
          <DataTable look="plain" columns={endpointColumns} rows={endpoints} rowKey={({ slice }, index) => `${slice.metadata.name}/${index}`} rowProps={({ endpoint }) => ({ 'data-endpoint': endpoint.targetRef?.name ?? endpoint.addresses?.[0], 'data-ready': String(endpoint.conditions?.ready ?? true) })} />
        )}
      </ExtraSection>
    </div>
  );
}

const podColumns = (namespace: string): Column<PodJson>[] => [
  {
    header: 'Pod',
    cell: (pod) => (
      <Link href={objectHref({ kind: 'Pod', namespace, name: pod.metadata.name }) ?? '#'} className={linkClass}>
        {pod.metadata.name}
      </Link>
    ),
  },
  { header: 'Ready', cell: (pod) => <StatusBadge status={podReady(pod) ? 'Ready' : pod.status?.phase === 'Running' ? 'NotReady' : (pod.status?.phase ?? 'Pending')} /> },
  { header: 'IP', cell: (pod) => pod.status?.podIP ?? '—', className: 'font-mono text-xs' },
  { header: 'Node', cell: (pod) => pod.spec?.nodeName ?? '—' },
];

type Endpoint = { slice: EndpointSliceJson; endpoint: NonNullable<EndpointSliceJson['endpoints']>[number] };

/** An endpoint's state: a nil ready or serving counts as true, a nil terminating as false (discovery/v1's field comments). */
function endpointCondition({ conditions }: Endpoint['endpoint']): string {
  if (conditions?.terminating) return 'Terminating';
  if (conditions?.ready ?? true) return 'Ready';
  return (conditions?.serving ?? true) ? 'Serving' : 'NotReady';
}

const endpointColumns: Column<Endpoint>[] = [
  { header: 'Address', cell: ({ endpoint }) => (endpoint.addresses ?? []).join(', '), className: 'font-mono text-xs' },
  { header: 'Ports', cell: ({ slice }) => (slice.ports ?? []).map((port) => `${port.port}/${port.protocol ?? 'TCP'}`).join(', '), className: 'font-mono text-xs' },
  { header: 'Condition', cell: ({ endpoint }) => <StatusBadge status={endpointCondition(endpoint)} /> },
  { header: 'Target', cell: ({ endpoint }) => (endpoint.targetRef?.name ? `${endpoint.targetRef.kind ?? ''}/${endpoint.targetRef.name}` : '—') },
];
