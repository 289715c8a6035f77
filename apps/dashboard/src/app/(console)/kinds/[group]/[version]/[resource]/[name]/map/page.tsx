'use client';
import { useSearchParams } from 'next/navigation';
import { Suspense, use } from 'react';
import { groupOfSegment } from '@/components/kinds/kind-paths';
import { ResourceMap } from '@/components/map/resource-map';
import { Loading } from '@/components/ui/states';

/** `/kinds/GROUP/VERSION/RESOURCE/NAME/map?namespace=`: the object's resource map. */
export default function ObjectMapPage({ params }: { params: Promise<{ group: string; version: string; resource: string; name: string }> }) {
  const { group, version, resource, name } = use(params);
  return (
    <Suspense fallback={<Loading />}>
      <MapView group={groupOfSegment(group)} version={version} resource={resource} name={decodeURIComponent(name)} />
    </Suspense>
  );
}

function MapView(props: { group: string; version: string; resource: string; name: string }) {
  const namespace = useSearchParams().get('namespace') ?? undefined;
  return <ResourceMap key={`${props.group}/${props.resource}/${namespace}/${props.name}`} {...props} namespace={namespace} />;
}
