'use client';
import { Suspense, use } from 'react';
import { WorkloadDetail } from '@/components/workloads/workload-detail';
import { Loading } from '@/components/ui/states';

export default function WorkloadPage({ params }: { params: Promise<{ kind: string; namespace: string; name: string }> }) {
  const { kind, namespace, name } = use(params);
  return (
    <Suspense fallback={<Loading />}>
      <WorkloadDetail key={`${kind}/${namespace}/${name}`} kind={decodeURIComponent(kind)} namespace={decodeURIComponent(namespace)} name={decodeURIComponent(name)} />
    </Suspense>
  );
}
