'use client';
import { useState } from 'react';
import { DiffView } from '@/components/ui/diff-view';
import { useMutation } from '@/lib/graphql';
import { usePermissions } from '@/lib/permissions';
import type { SetImageMutation, SetImageMutationVariables } from '@/lib/graphql-types.generated';
import { buttonClass, inputClass, MutationError, primaryButtonClass } from './rollout-actions';
import { containersOf, withImage, type Manifest } from './set-image-manifest';

const APPLY = /* GraphQL */ `mutation SetImage($yaml: String!, $namespace: String, $dryRun: Boolean) { applyManifests(yaml: $yaml, namespace: $namespace, dryRun: $dryRun) { ok results { action error name diff } } }`;


/** "Set image": pick a container, type the new image, apply. The rollout view then shows the update. */
export function SetImageForm({ namespace, manifest, onDone }: { namespace: string; manifest: Manifest; onDone: () => void }) {
  const containers = containersOf(manifest);
  const [open, setOpen] = useState(false);
  const [container, setContainer] = useState(containers[0]?.name ?? '');
  const current = containers.find((c) => c.name === container)?.image ?? '';
  const [image, setImage] = useState('');
  const apply = useMutation<SetImageMutation, SetImageMutationVariables>(APPLY);
  const [failure, setFailure] = useState<string>();
  // The server's dry run of the change: what would differ in the live object.
  const [preview, setPreview] = useState<string>();
  // Applying the edited manifest patches the workload (server-side apply); the reason is shown beside the other actions.
  const kind = String(manifest.kind ?? '');
  const group = String(manifest.apiVersion ?? '').split('/').slice(0, -1).join('/');
  const [canPatch] = usePermissions([kind ? { verb: 'patch', resource: `${kind.toLowerCase()}s`, group, namespace } : undefined]);
  const denied = canPatch && !canPatch.allowed ? canPatch.reason : undefined;

  if (!open)
    return (
      <button type="button" className={buttonClass} title={denied} disabled={!!denied} onClick={() => { setImage(current); setOpen(true); }}>
        Set image…
      </button>
    );

  async function submit(dryRun: boolean) {
    setFailure(undefined);
    const result = await apply.run({ yaml: JSON.stringify(withImage(manifest, container, image.trim()), null, 2), namespace, dryRun });
    if (!result) return;
    const failed = result.applyManifests.results.find((r) => r.action === 'error' || r.error);
    if (!result.applyManifests.ok || failed) {
      setFailure(failed?.error ?? 'The API server did not apply the change.');
      return;
    }
    if (dryRun) {
      setPreview(result.applyManifests.results[0]?.diff ?? '');
      return;
    }
    setPreview(undefined);
    setOpen(false);
    onDone();
  }

  function edit(next: () => void) {
    next();
    setPreview(undefined);
  }

  return (
    <form
      data-testid="set-image-form"
      className="flex flex-wrap items-center gap-2 rounded-md border border-slate-200 p-2 dark:border-slate-800"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(false);
      }}
    >
      <label className="flex items-center gap-1.5 text-sm">
        <span className="text-slate-600 dark:text-slate-400">Container</span>
        <select value={container} onChange={(e) => edit(() => { setContainer(e.target.value); setImage(containers.find((c) => c.name === e.target.value)?.image ?? ''); })} className={inputClass}>
          {containers.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-1.5 text-sm">
        <span className="text-slate-600 dark:text-slate-400">Image</span>
        <input data-testid="set-image-input" value={image} onChange={(e) => edit(() => setImage(e.target.value))} className={`${inputClass} w-64 font-mono`} placeholder="nginx:1.26" />
      </label>
      <button type="submit" className={primaryButtonClass} disabled={apply.pending || !image.trim() || image.trim() === current}>
        {apply.pending ? 'Applying…' : 'Update image'}
      </button>
      <button type="button" className={buttonClass} disabled={apply.pending || !image.trim() || image.trim() === current} onClick={() => void submit(true)}>
        Preview
      </button>
      <button type="button" className={buttonClass} onClick={() => { setOpen(false); setPreview(undefined); }}>
        Cancel
      </button>
      <div className="w-full">
        <MutationError error={apply.error ?? (failure ? { message: failure } : undefined)} />
      </div>
      {preview !== undefined && (
        <div className="w-full max-w-2xl" data-testid="set-image-preview">
          <p className="mb-1 text-xs text-slate-500">Server dry run: what changes in the live {String(manifest.kind ?? 'object')}.</p>
          <DiffView diff={preview} empty="Nothing would change." />
        </div>
      )}
    </form>
  );
}
