'use client';
import { FormEvent, InputHTMLAttributes, ReactNode, useState } from 'react';

/** The pieces every sign-in form shares: one look, one way to post and report the server's answer. */

const inputClass =
  'w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm outline-none focus:border-sky-500 focus:ring-2 focus:ring-sky-500/30 dark:border-slate-700 dark:bg-slate-950';

export function nextQuery(params: Pick<URLSearchParams, 'get'>): string {
  const next = params.get('next');
  return next ? `&next=${encodeURIComponent(next)}` : '';
}

/** Where to go once signed in: `next` when it is a path of this site, else the overview. */
export function goNext(params: Pick<URLSearchParams, 'get'>): void {
  const next = params.get('next');
  window.location.assign(next && next.startsWith('/') && !next.startsWith('//') ? next : '/');
}

/**
 * POSTs `body` to one of the dashboard server's sign-in endpoints on submit; `done` runs when it
 * answered 2xx, else the server's message becomes the form's error.
 */
export function useSignInSubmit(path: string, done: () => void, initialError = '') {
  const [error, setError] = useState(initialError);
  const [pending, setPending] = useState(false);
  const submit = (body: () => Record<string, string>, check?: () => string | undefined) => async (event: FormEvent) => {
    event.preventDefault();
    const problem = check?.();
    if (problem) return setError(problem);
    setPending(true);
    setError('');
    try {
      const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body()) });
      const answer = await res.json().catch(() => ({}));
      if (!res.ok) throw new Error(answer.message ?? `sign-in failed (${res.status})`);
      done();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setPending(false);
    }
  };
  return { error, pending, submit };
}

export function SignInForm({ title, note, error, onSubmit, children }: { title: string; note?: ReactNode; error: string; onSubmit: (event: FormEvent) => void; children: ReactNode }) {
  return (
    <form onSubmit={onSubmit} className="w-full max-w-md space-y-4 rounded-xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div>
        <h1 className="text-2xl font-semibold">{title}</h1>
        {note && <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">{note}</p>}
      </div>
      {children}
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
          {error}
        </p>
      )}
    </form>
  );
}

export function Field({ id, label, value, onChange, className = '', ...input }: { id: string; label: string; value: string; onChange: (value: string) => void } & Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'>) {
  return (
    <>
      <label className="block text-sm font-medium" htmlFor={id}>
        {label}
      </label>
      <input id={id} name={id} value={value} onChange={(e) => onChange(e.target.value)} className={`${inputClass} ${className}`} {...input} />
    </>
  );
}

export function SubmitButton({ pending, disabled, label, busyLabel }: { pending: boolean; disabled: boolean; label: string; busyLabel: string }) {
  return (
    <button type="submit" disabled={pending || disabled} className="w-full rounded-md bg-sky-600 px-4 py-2 font-medium text-white hover:bg-sky-500 disabled:opacity-50">
      {pending ? busyLabel : label}
    </button>
  );
}

export function SwitchLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p className="text-center text-sm">
      <a href={href} className="text-sky-700 underline dark:text-sky-400">
        {children}
      </a>
    </p>
  );
}
