'use client';
import { FormEvent, Suspense, useState } from 'react';
import { useSearchParams } from 'next/navigation';

function TokenForm() {
  const params = useSearchParams();
  const [token, setToken] = useState('');
  const [error, setError] = useState(params.get('error') === 'token' ? 'The link’s token was not accepted: paste the token instead.' : '');
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError('');
    try {
      const res = await fetch('/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
      const body = await res.json().catch(() => ({}));
      if (!res.ok) throw new Error(body.message ?? `sign-in failed (${res.status})`);
      goNext(params);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="w-full max-w-md space-y-4 rounded-xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div>
        <h1 className="text-2xl font-semibold">Sign in to Drydock</h1>
        <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">
          Use the sign-in link <code className="font-mono">npm start</code> printed, or paste the admin token from <code className="font-mono">.drydock/kubeconfig</code> (<code className="font-mono">users[0].user.token</code>).
        </p>
      </div>
      <label className="block text-sm font-medium" htmlFor="token">
        Token
      </label>
      <input
        id="token"
        name="token"
        type="password"
        autoComplete="current-password"
        autoFocus
        value={token}
        onChange={(e) => setToken(e.target.value)}
        className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm outline-none focus:border-sky-500 focus:ring-2 focus:ring-sky-500/30 dark:border-slate-700 dark:bg-slate-950"
      />
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending || !token} className="w-full rounded-md bg-sky-600 px-4 py-2 font-medium text-white hover:bg-sky-500 disabled:opacity-50">
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
      <p className="text-center text-sm">
        <a href={`/login?with=password${nextQuery(params)}`} className="text-sky-700 underline dark:text-sky-400">
          Use your name and password instead
        </a>
      </p>
    </form>
  );
}

const inputClass =
  'w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm outline-none focus:border-sky-500 focus:ring-2 focus:ring-sky-500/30 dark:border-slate-700 dark:bg-slate-950';
const formClass = 'w-full max-w-md space-y-4 rounded-xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900';

function nextQuery(params: Pick<URLSearchParams, 'get'>): string {
  const next = params.get('next');
  return next ? `&next=${encodeURIComponent(next)}` : '';
}

function goNext(params: Pick<URLSearchParams, 'get'>): void {
  const next = params.get('next');
  window.location.assign(next && next.startsWith('/') && !next.startsWith('//') ? next : '/');
}

/** POSTs to the dashboard server's sign-in endpoints; resolves, or throws the server's message. */
async function postSignIn(path: string, body: Record<string, string>): Promise<void> {
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(answer.message ?? `sign-in failed (${res.status})`);
}

function ErrorNote({ error }: { error: string }) {
  if (!error) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
      {error}
    </p>
  );
}

/** Name and password (set through the one-time sign-in link an admin gave the user). */
function PasswordForm() {
  const params = useSearchParams();
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError('');
    try {
      await postSignIn('/auth/signin', { user, password });
      goNext(params);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className={formClass}>
      <h1 className="text-2xl font-semibold">Sign in to Drydock</h1>
      <label className="block text-sm font-medium" htmlFor="user">
        Name
      </label>
      <input id="user" name="user" autoComplete="username" autoFocus value={user} onChange={(e) => setUser(e.target.value)} className={inputClass} />
      <label className="block text-sm font-medium" htmlFor="password">
        Password
      </label>
      <input id="password" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} className={inputClass} />
      <ErrorNote error={error} />
      <button type="submit" disabled={pending || !user || !password} className="w-full rounded-md bg-sky-600 px-4 py-2 font-medium text-white hover:bg-sky-500 disabled:opacity-50">
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
      <p className="text-center text-sm">
        <a href={`/login?with=token${nextQuery(params)}`} className="text-sky-700 underline dark:text-sky-400">
          Use a token instead
        </a>
      </p>
    </form>
  );
}

/** The one-time sign-in link (`/login?link=…`): the user chooses a password and is signed in. */
function SetPasswordForm({ link }: { link: string }) {
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState('');
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password !== again) return setError('The two passwords differ.');
    setPending(true);
    setError('');
    try {
      await postSignIn('/auth/password', { link, password });
      window.location.assign('/');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className={formClass}>
      <div>
        <h1 className="text-2xl font-semibold">Choose your password</h1>
        <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">This link works once. At least 8 characters.</p>
      </div>
      <label className="block text-sm font-medium" htmlFor="new-password">
        New password
      </label>
      <input id="new-password" type="password" autoComplete="new-password" autoFocus value={password} onChange={(e) => setPassword(e.target.value)} className={inputClass} />
      <label className="block text-sm font-medium" htmlFor="new-password-again">
        The same again
      </label>
      <input id="new-password-again" type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} className={inputClass} />
      <ErrorNote error={error} />
      <button type="submit" disabled={pending || !password} className="w-full rounded-md bg-sky-600 px-4 py-2 font-medium text-white hover:bg-sky-500 disabled:opacity-50">
        {pending ? 'Saving…' : 'Set password and continue'}
      </button>
    </form>
  );
}

function LoginForm() {
  const params = useSearchParams();
  const link = params.get('link');
  if (link) return <SetPasswordForm link={link} />;
  return params.get('with') === 'password' ? <PasswordForm /> : <TokenForm />;
}

export default function LoginPage() {
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <Suspense>
        <LoginForm />
      </Suspense>
    </main>
  );
}
