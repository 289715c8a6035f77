'use client';
import { use } from 'react';
import { HelmReleaseDetail } from '@/components/helm/helm-release-detail';

/** `/helm/NAMESPACE/NAME`: a release's history, values, manifest diff between revisions and rollback. */
export default function HelmReleasePage({ params }: { params: Promise<{ namespace: string; name: string }> }) {
  const { namespace, name } = use(params);
  return <HelmReleaseDetail namespace={decodeURIComponent(namespace)} name={decodeURIComponent(name)} />;
}
