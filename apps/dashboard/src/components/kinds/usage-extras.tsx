'use client';
import type { ReactNode } from 'react';
import Link from 'next/link';
import { useQuery } from '@/lib/graphql';
import { objectHref } from '@/components/ui/object-href';
import { ErrorState, Loading } from '@/components/ui/states';
import { StatusBadge } from '@/components/ui/status-badge';
import { linkClass } from '@/components/ui/data-table';
import { ExtraSection } from './extra-section';
import { CLAIM_STORAGE, usedByQuery } from './kind-extra-queries';
import { kindHref, objectHref as kindObjectHref } from './kind-paths';
import { podReady } from './service-extras';

interface PodJson {
  metadata: { name: string };
  status?: { phase?: string; conditions?: { type: string; status: string }[] };
}
interface Named {
  raw: { metadata: { name: string }; spec?: Record<string, unknown>; status?: { phase?: string }; provisioner?: string; reclaimPolicy?: string; volumeBindingMode?: string } | null;
}

/** The pods that mount or read a ConfigMap, Secret or PVC (volumes, env, envFrom, projected sources), from the generated `pods` relation. */
export function UsedByPods({ getField, namespace, name }: { getField: 'coreV1ConfigMap' | 'coreV1Secret' | 'coreV1PersistentVolumeClaim'; namespace: string; name: string }) {
  const { data, error, loading } = useQuery<{ object: { pods: { raw: PodJson }[] | null } | null }>(usedByQuery(getField), { namespace, name });
  const pods = (data?.object?.pods ?? []).map((each) => each.raw);
  return (
    <ExtraSection title="Used by pods" testId="used-by-pods" note="pods of this namespace that mount it as a volume or read it in env or envFrom">
      {loading && !data ? (
        <Loading />
      ) : error ? (
        <ErrorState error={error} title="Pods" />
      ) : pods.length === 0 ? (
        <p className="text-slate-500">No pod uses it.</p>
      ) : (
        <ul className="space-y-1">
          {pods.map((pod) => (
            <li key={pod.metadata.name} className="flex items-center gap-2">
              <Link href={objectHref({ kind: 'Pod', namespace, name: pod.metadata.name }) ?? '#'} className={linkClass}>
                {pod.metadata.name}
              </Link>
              <StatusBadge status={podReady(pod) ? 'Ready' : (pod.status?.phase ?? 'Pending')} />
            </li>
          ))}
        </ul>
      )}
    </ExtraSection>
  );
}

/** A claim's bound PersistentVolume and its StorageClass, as the claim names them (spec.volumeName, spec.storageClassName). */
export function ClaimStorage({ namespace, name }: { namespace: string; name: string }) {
  const { data, error, loading } = useQuery<{ object: { persistentVolume: Named | null; storageClass: Named | null } | null }>(
    CLAIM_STORAGE,
    { namespace, name },
  );
  const volume = data?.object?.persistentVolume?.raw;
  const storageClass = data?.object?.storageClass?.raw;
  const capacity = (volume?.spec?.capacity as Record<string, string> | undefined)?.storage;
  return (
    <ExtraSection title="Volume and storage class" testId="claim-storage">
      {loading && !data ? (
        <Loading />
      ) : error ? (
        <ErrorState error={error} title="Volume" />
      ) : (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
          <StorageRow label="PersistentVolume" kind={persistentVolumes} name={volume?.metadata.name} missing={<span className="text-slate-500">not bound yet</span>}>
            {capacity && <span className="text-slate-500">{capacity}</span>} <StatusBadge status={volume?.status?.phase ?? 'Unknown'} />
          </StorageRow>
          <StorageRow
            label="StorageClass"
            kind={storageClasses}
            name={storageClass?.metadata.name}
            missing={
              <Link href={kindHref(storageClasses)} className="text-slate-500 hover:underline">
                none named (the default class applies at creation)
              </Link>
            }
          >
            <span className="text-slate-500">
              {storageClass?.provisioner} · {storageClass?.reclaimPolicy ?? 'Delete'} · {storageClass?.volumeBindingMode ?? 'Immediate'}
            </span>
          </StorageRow>
        </dl>
      )}
    </ExtraSection>
  );
}

const persistentVolumes = { group: '', version: 'v1', resource: 'persistentvolumes' };
const storageClasses = { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' };

/** One line of the claim's storage: the object's name linked to its page and what follows it, or `missing` when there is none. */
function StorageRow({ label, kind, name, missing, children }: { label: string; kind: typeof storageClasses; name?: string; missing: ReactNode; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd>
        {name ? (
          <>
            <Link href={kindObjectHref(kind, name)} className={linkClass}>
              {name}
            </Link>{' '}
            {children}
          </>
        ) : (
          missing
        )}
      </dd>
    </>
  );
}
