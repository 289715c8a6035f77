'use client';
import { useState } from 'react';
import { gql, GraphQLRequestError } from '@/lib/graphql';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorState } from '@/components/ui/states';
import { deleteMutation, type ServedKind } from './kind-writes';

/** Delete one object of any kind, after a confirmation that names it; `onDeleted` runs once the API accepted. */
export function KindDelete({ kind, name, namespace, onDeleted }: { kind: ServedKind; name: string; namespace?: string; onDeleted: () => void }) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<GraphQLRequestError | string>();
  const confirm = async () => {
    setPending(true);
    setError(undefined);
    try {
      await gql(deleteMutation(kind), { name, ...(kind.namespaced ? { namespace } : {}) });
      setOpen(false);
      onDeleted();
    } catch (e) {
      setError(e instanceof GraphQLRequestError ? e : String(e));
    } finally {
      setPending(false);
    }
  };
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} className="rounded-md border border-red-300 px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 dark:border-red-900 dark:text-red-300 dark:hover:bg-red-950">
        Delete
      </button>
      <ConfirmDialog
        open={open}
        title={`Delete ${kind.kind} ${name}?`}
        confirmLabel="Delete"
        pendingLabel="Deleting…"
        danger
        pending={pending}
        onConfirm={() => void confirm()}
        onClose={() => {
          setOpen(false);
          setError(undefined);
        }}
      >
        <p>
          {namespace ? (
            <>
              {kind.kind} <strong>{name}</strong> in namespace <strong>{namespace}</strong>
            </>
          ) : (
            <>
              {kind.kind} <strong>{name}</strong> (cluster-scoped)
            </>
          )}{' '}
          is deleted as <code>kubectl delete</code> does: what it owns is deleted in the background, and finalizers or a grace period may keep it a while.
        </p>
        {error && <ErrorState error={error} title="The API server refused the delete" />}
      </ConfirmDialog>
    </>
  );
}
