'use client';
import { useSearchParams } from 'next/navigation';
import { Suspense, use } from 'react';
import { KindDetail } from '@/components/kinds/kind-detail';
import { groupOfSegment } from '@/components/kinds/kind-paths';
import { Loading } from '@/components/ui/states';

/** `/kinds/GROUP/VERSION/RESOURCE/NAME?namespace=`: one object of any kind, with its YAML and relations. */
export default function KindObjectPage({ params }: { params: Promise<{ group: string; version: string; resource: string; name: string }> }) {
  const { group, version, resource, name } = use(params);
  return (
    <Suspense fallback={<Loading />}>
      <ObjectView group={groupOfSegment(group)} version={version} resource={resource} name={decodeURIComponent(name)} />
    </Suspense>
  );
}

function ObjectView(props: { group: string; version: string; resource: string; name: string }) {
  const namespace = useSearchParams().get('namespace') ?? undefined;
  return <KindDetail key={`${props.group}/${props.resource}/${namespace}/${props.name}`} {...props} namespace={namespace} />;
}
