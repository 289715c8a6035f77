'use client';
import { Suspense, use } from 'react';
import { PodDetail } from '@/components/pods/pod-detail';
import { Loading } from '@/components/ui/states';

export default function PodPage({ params }: { params: Promise<{ namespace: string; name: string }> }) {
  const { namespace, name } = use(params);
  return (
    <Suspense fallback={<Loading />}>
      <PodDetail key={`${namespace}/${name}`} namespace={decodeURIComponent(namespace)} name={decodeURIComponent(name)} />
    </Suspense>
  );
}
