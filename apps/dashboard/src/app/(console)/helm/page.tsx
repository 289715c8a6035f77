'use client';
import { Suspense } from 'react';
import { HelmReleasesList } from '@/components/helm/helm-releases-list';
import { Loading } from '@/components/ui/states';

/** `/helm?namespace=`: the Helm releases (helm list -a). */
export default function HelmPage() {
  return (
    <Suspense fallback={<Loading />}>
      <HelmReleasesList />
    </Suspense>
  );
}
