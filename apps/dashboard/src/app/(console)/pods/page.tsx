'use client';
import { Suspense } from 'react';
import { PodsList } from '@/components/pods/pods-list';
import { Loading } from '@/components/ui/states';

export default function PodsPage() {
  return (
    <Suspense fallback={<Loading />}>
      <PodsList />
    </Suspense>
  );
}
