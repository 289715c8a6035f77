'use client';
import { useState } from 'react';
import { useMutation } from '@/lib/graphql';
import { buttonClass, inputClass, MutationError, primaryButtonClass } from './rollout-actions';

const APPLY = 'mutation SetImage($yaml: String!, $namespace: String) { applyManifests(yaml: $yaml, namespace: $namespace) { ok results { action error name } } }';

type Manifest = Record<string, unknown> & { metadata?: Record<string, unknown>; spec?: Record<string, unknown> };
interface Container {
  name: string;
  image?: string;
}

/** Server-owned metadata that must not be sent back (a stale resourceVersion would conflict on every status write). */
const SERVER_METADATA = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds'];

function podSpecOf(manifest: Manifest): { containers?: Container[]; initContainers?: Container[] } {
  const template = (manifest.spec?.template ?? {}) as { spec?: { containers?: Container[]; initContainers?: Container[] } };
  return template.spec ?? {};
}

export function containersOf(manifest: Manifest): Container[] {
  const spec = podSpecOf(manifest);
  return [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
}

/**
 * The live object with one container's image replaced, as a manifest to apply (the API applies it
 * server-side, forced): status and server-owned metadata dropped, the rest as it is, so applying it
 * changes only the image. No change-cause annotation: it would stay on the Deployment and be copied
 * to every later revision (a rollback or restart would claim to "set image"), which is why kubectl
 * deprecated --record.
 */
export function withImage(manifest: Manifest, container: string, image: string): Manifest {
  const copy = structuredClone(manifest);
  delete copy.status;
  const metadata = { ...(copy.metadata ?? {}) };
  for (const field of SERVER_METADATA) delete metadata[field];
  const annotations = { ...((metadata.annotations as Record<string, string> | undefined) ?? {}) };
  delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
  metadata.annotations = annotations;
  copy.metadata = metadata;
  const spec = podSpecOf(copy);
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) if (c.name === container) c.image = image;
  return copy;
}

/** "Set image": pick a container, type the new image, apply. The rollout view then shows the update. */
export function SetImageForm({ namespace, manifest, onDone }: { namespace: string; manifest: Manifest; onDone: () => void }) {
  const containers = containersOf(manifest);
  const [open, setOpen] = useState(false);
  const [container, setContainer] = useState(containers[0]?.name ?? '');
  const current = containers.find((c) => c.name === container)?.image ?? '';
  const [image, setImage] = useState('');
  const apply = useMutation<{ applyManifests: { ok: boolean; results: { action: string; error?: string | null; name?: string | null }[] } }>(APPLY);
  const [failure, setFailure] = useState<string>();

  if (!open)
    return (
      <button type="button" className={buttonClass} onClick={() => { setImage(current); setOpen(true); }}>
        Set image…
      </button>
    );

  async function submit() {
    setFailure(undefined);
    const result = await apply.run({ yaml: JSON.stringify(withImage(manifest, container, image.trim()), null, 2), namespace });
    if (!result) return;
    const failed = result.applyManifests.results.find((r) => r.action === 'error' || r.error);
    if (!result.applyManifests.ok || failed) {
      setFailure(failed?.error ?? 'The API server did not apply the change.');
      return;
    }
    setOpen(false);
    onDone();
  }

  return (
    <form
      data-testid="set-image-form"
      className="flex flex-wrap items-center gap-2 rounded-md border border-slate-200 p-2 dark:border-slate-800"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className="flex items-center gap-1.5 text-sm">
        <span className="text-slate-600 dark:text-slate-400">Container</span>
        <select value={container} onChange={(e) => { setContainer(e.target.value); setImage(containers.find((c) => c.name === e.target.value)?.image ?? ''); }} className={inputClass}>
          {containers.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-1.5 text-sm">
        <span className="text-slate-600 dark:text-slate-400">Image</span>
        <input data-testid="set-image-input" value={image} onChange={(e) => setImage(e.target.value)} className={`${inputClass} w-64 font-mono`} placeholder="nginx:1.26" />
      </label>
      <button type="submit" className={primaryButtonClass} disabled={apply.pending || !image.trim() || image.trim() === current}>
        {apply.pending ? 'Applying…' : 'Update image'}
      </button>
      <button type="button" className={buttonClass} onClick={() => setOpen(false)}>
        Cancel
      </button>
      <div className="w-full">
        <MutationError error={apply.error ?? (failure ? { message: failure } : undefined)} />
      </div>
    </form>
  );
}
