'use client';
import { useState } from 'react';
import { useSearchParams } from 'next/navigation';
import { Field, goNext, nextQuery, SignInForm, SubmitButton, SwitchLink, useSignInSubmit } from './sign-in-parts';

/** The admin's way in: the token of `.drydock/kubeconfig`, or the link `npm start` printed (which lands here on failure). */
export function TokenForm() {
  const params = useSearchParams();
  const [token, setToken] = useState('');
  const form = useSignInSubmit('/auth/login', () => goNext(params), params.get('error') === 'token' ? 'The link’s token was not accepted: paste the token instead.' : '');
  const note = (
    <>
      Use the sign-in link <code className="font-mono">npm start</code> printed, or paste the admin token from <code className="font-mono">.drydock/kubeconfig</code> (<code className="font-mono">users[0].user.token</code>).
    </>
  );
  return (
    <SignInForm title="Sign in to Drydock" note={note} error={form.error} onSubmit={form.submit(() => ({ token }))}>
      <Field id="token" label="Token" type="password" autoComplete="current-password" autoFocus value={token} onChange={setToken} className="font-mono" />
      <SubmitButton pending={form.pending} disabled={!token} label="Sign in" busyLabel="Signing in…" />
      <SwitchLink href={`/login?with=password${nextQuery(params)}`}>Use your name and password instead</SwitchLink>
    </SignInForm>
  );
}

/** Name and password (set through the one-time sign-in link an admin gave the user). */
export function PasswordForm() {
  const params = useSearchParams();
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const form = useSignInSubmit('/auth/signin', () => goNext(params));
  return (
    <SignInForm title="Sign in to Drydock" error={form.error} onSubmit={form.submit(() => ({ user, password }))}>
      <Field id="user" label="Name" autoComplete="username" autoFocus value={user} onChange={setUser} />
      <Field id="password" label="Password" type="password" autoComplete="current-password" value={password} onChange={setPassword} />
      <SubmitButton pending={form.pending} disabled={!user || !password} label="Sign in" busyLabel="Signing in…" />
      <SwitchLink href={`/login?with=token${nextQuery(params)}`}>Use a token instead</SwitchLink>
    </SignInForm>
  );
}

/** The one-time sign-in link (`/login?link=…`): the user chooses a password and is signed in. */
export function SetPasswordForm({ link }: { link: string }) {
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const form = useSignInSubmit('/auth/password', () => window.location.assign('/'));
  const differ = () => (password !== again ? 'The two passwords differ.' : undefined);
  return (
    <SignInForm title="Choose your password" note="This link works once. At least 8 characters." error={form.error} onSubmit={form.submit(() => ({ link, password }), differ)}>
      <Field id="new-password" label="New password" type="password" autoComplete="new-password" autoFocus value={password} onChange={setPassword} />
      <Field id="new-password-again" label="The same again" type="password" autoComplete="new-password" value={again} onChange={setAgain} />
      <SubmitButton pending={form.pending} disabled={!password} label="Set password and continue" busyLabel="Saving…" />
    </SignInForm>
  );
}
