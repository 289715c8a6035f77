'use client';
import { Suspense, use } from 'react';
import { KindList } from '@/components/kinds/kind-list';
import { groupOfSegment } from '@/components/kinds/kind-paths';
import { Loading } from '@/components/ui/states';

/** `/kinds/GROUP/VERSION/RESOURCE?namespace=`: a kind's objects with its printer columns. */
export default function KindListPage({ params }: { params: Promise<{ group: string; version: string; resource: string }> }) {
  const { group, version, resource } = use(params);
  return (
    <Suspense fallback={<Loading />}>
      <KindList key={`${group}/${version}/${resource}`} group={groupOfSegment(group)} version={version} resource={resource} />
    </Suspense>
  );
}
