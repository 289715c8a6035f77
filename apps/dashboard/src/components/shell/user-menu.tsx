'use client';
import { useState } from 'react';
import { TokenList } from '@/components/people/user-credentials';
import { MutationError } from '@/components/rollout/rollout-actions';
import { useMutation, useQuery } from '@/lib/graphql';
import type { CreateKubeconfigMutation, CreateKubeconfigMutationVariables, MeQuery } from '@/lib/graphql-types.generated';

const ME = /* GraphQL */ `query Me { me { name } }`;
const KUBECONFIG = /* GraphQL */ `mutation CreateKubeconfig($user: String!, $tokenName: String) { createKubeconfig(user: $user, tokenName: $tokenName) }`;

const item = 'block w-full rounded px-2 py-1 text-left hover:bg-slate-100 disabled:opacity-50 dark:hover:bg-slate-800';

async function signOut() {
  await fetch('/auth/logout', { method: 'POST' });
  window.location.assign('/login');
}

/** Saves `text` as a file, as the browser downloads anything. */
function saveFile(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const anchor = Object.assign(document.createElement('a'), { href: url, download: name });
  anchor.click();
  URL.revokeObjectURL(url);
}

/** A token name unique enough per download: `dashboard-` and the time, a DNS label as the API server asks. */
const tokenName = () => `dashboard-${Date.now().toString(36)}`;

/**
 * The signed-in user: their name, a kubeconfig of their own (a fresh token from users/NAME/kubeconfig,
 * as themselves), their tokens to revoke (the Users & teams page's list), and sign-out.
 */
export function UserMenu() {
  const me = useQuery<MeQuery>(ME);
  const kubeconfig = useMutation<CreateKubeconfigMutation, CreateKubeconfigMutationVariables>(KUBECONFIG);
  const [open, setOpen] = useState(false);
  const [showTokens, setShowTokens] = useState(false);
  const name = me.data?.me.name;

  async function download() {
    if (!name) return;
    const answer = await kubeconfig.run({ user: name, tokenName: tokenName() });
    if (answer) saveFile(`${name}.kubeconfig`, answer.createKubeconfig);
  }

  return (
    <div className="relative">
      <button type="button" aria-expanded={open} aria-haspopup="menu" onClick={() => setOpen(!open)} className="flex w-full items-center justify-between rounded-md border border-slate-300 px-2 py-1 text-left hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
        <span className="truncate" data-testid="signed-in-user">{name ?? '…'}</span>
        <span aria-hidden>{open ? '▾' : '▴'}</span>
      </button>
      {open && (
        <div role="menu" aria-label="User" className="absolute bottom-full left-0 mb-1 w-72 space-y-1 rounded-md border border-slate-200 bg-white p-2 text-sm text-slate-700 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200">
          <p className="px-2 pb-1 text-xs text-slate-500">Signed in as <span className="font-medium text-slate-700 dark:text-slate-200">{name}</span></p>
          <button type="button" role="menuitem" className={item} disabled={!name || kubeconfig.pending} onClick={() => void download()}>
            {kubeconfig.pending ? 'Making a kubeconfig…' : 'Download kubeconfig'}
          </button>
          <MutationError error={kubeconfig.error} />
          <button type="button" role="menuitem" className={item} disabled={!name} onClick={() => setShowTokens(!showTokens)}>
            {showTokens ? 'Hide my tokens' : 'My tokens'}
          </button>
          {showTokens && name && (
            <div className="px-2">
              <TokenList user={name} />
            </div>
          )}
          <button type="button" role="menuitem" className={item} onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      )}
    </div>
  );
}
