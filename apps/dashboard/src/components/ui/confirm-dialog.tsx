'use client';
import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal confirmation on the native <dialog> (focus trap, Esc and the backdrop for free). The
 * confirm button shows the pending state; the dialog stays open on error so the message is seen.
 */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pendingLabel?: string;
  danger?: boolean;
  pending?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);
  const confirmColour = props.danger ? 'bg-red-600 hover:bg-red-700 disabled:bg-red-400' : 'bg-sky-600 hover:bg-sky-700 disabled:bg-sky-400';
  return (
    <dialog
      ref={ref}
      aria-labelledby="confirm-dialog-title"
      onCancel={(event) => {
        event.preventDefault();
        if (!props.pending) props.onClose();
      }}
      className="m-auto w-[32rem] max-w-[calc(100vw-2rem)] rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      {props.open && (
        <div className="space-y-4 p-5">
          <h2 id="confirm-dialog-title" className="text-lg font-semibold">
            {props.title}
          </h2>
          <div className="space-y-3 text-sm text-slate-700 dark:text-slate-300">{props.children}</div>
          <div className="flex justify-end gap-2">
            <button type="button" onClick={props.onClose} disabled={props.pending} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800">
              Cancel
            </button>
            <button type="button" onClick={props.onConfirm} disabled={props.pending} className={`rounded-md px-3 py-1.5 text-sm font-medium text-white ${confirmColour}`}>
              {props.pending ? (props.pendingLabel ?? 'Working…') : props.confirmLabel}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
