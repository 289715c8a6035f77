'use client';
import { Suspense } from 'react';
import { WorkloadsList } from '@/components/workloads/workloads-list';
import { Loading } from '@/components/ui/states';

export default function WorkloadsPage() {
  return (
    <Suspense fallback={<Loading />}>
      <WorkloadsList />
    </Suspense>
  );
}
