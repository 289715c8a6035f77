'use client';
import { useState } from 'react';
import { MutationError } from '@/components/rollout/rollout-actions';
import { useMutation, useQuery } from '@/lib/graphql';
import type { CreateSignInLinkMutation, CreateSignInLinkMutationVariables, RevokeUserTokenMutation, RevokeUserTokenMutationVariables, UserTokensQuery, UserTokensQueryVariables } from '@/lib/graphql-types.generated';
import { usePermissions } from '@/lib/permissions';

const SIGN_IN_LINK = /* GraphQL */ `mutation CreateSignInLink($user: String!) { createSignInLink(user: $user) { path url expiresAt } }`;
const USER_TOKENS = /* GraphQL */ `query UserTokens($user: String!) { userTokens(user: $user) { name createdAt expiresAt lastUsed } }`;
const REVOKE = /* GraphQL */ `mutation RevokeUserToken($user: String!, $tokenName: String!) { revokeUserToken(user: $user, tokenName: $tokenName) }`;

const link = 'text-xs text-sky-700 hover:underline disabled:cursor-not-allowed disabled:text-slate-400 disabled:no-underline dark:text-sky-300';
const reasonOf = (decision?: { allowed: boolean; reason?: string }) => (decision && !decision.allowed ? decision.reason : undefined);

/** A user's credentials as the API server keeps them: a one-time sign-in link to send them, and their tokens to revoke. */
export function UserCredentials({ user }: { user: string }) {
  const [canLink, canList, canRevoke] = usePermissions([
    { verb: 'create', resource: 'users', group: 'drydock.dev', subresource: 'signinlink' },
    { verb: 'get', resource: 'users', group: 'drydock.dev', subresource: 'tokens' },
    { verb: 'delete', resource: 'users', group: 'drydock.dev', subresource: 'tokens' },
  ]);
  const create = useMutation<CreateSignInLinkMutation, CreateSignInLinkMutationVariables>(SIGN_IN_LINK);
  const [issued, setIssued] = useState<CreateSignInLinkMutation['createSignInLink']>();
  const [showTokens, setShowTokens] = useState(false);
  return (
    <div className="mt-1 space-y-1">
      <div className="flex gap-3">
        <button type="button" className={link} title={reasonOf(canLink)} disabled={!!reasonOf(canLink) || create.pending} onClick={async () => setIssued((await create.run({ user }))?.createSignInLink)}>
          {create.pending ? 'Making a link…' : 'Sign-in link'}
        </button>
        <button type="button" className={link} title={reasonOf(canList)} disabled={!!reasonOf(canList)} onClick={() => setShowTokens(!showTokens)}>
          {showTokens ? 'Hide tokens' : 'Tokens'}
        </button>
      </div>
      {issued && (
        <p data-testid={`sign-in-link-${user}`} className="text-xs break-all text-slate-600 dark:text-slate-400">
          Send this once to {user} (it lets them set a password{issued.expiresAt ? `, until ${new Date(issued.expiresAt).toLocaleString()}` : ''}): <code className="font-mono">{issued.url ?? `${window.location.origin}${issued.path}`}</code>
        </p>
      )}
      <MutationError error={create.error} />
      {showTokens && <TokenList user={user} revokeDenied={reasonOf(canRevoke)} />}
    </div>
  );
}

export function TokenList({ user, revokeDenied }: { user: string; revokeDenied?: string }) {
  const tokens = useQuery<UserTokensQuery, UserTokensQueryVariables>(USER_TOKENS, { user });
  const revoke = useMutation<RevokeUserTokenMutation, RevokeUserTokenMutationVariables>(REVOKE);
  if (tokens.error) return <MutationError error={tokens.error} />;
  if (!tokens.data) return <p className="text-xs text-slate-500">Loading tokens…</p>;
  if (!tokens.data.userTokens.length) return <p className="text-xs text-slate-500">No tokens.</p>;
  return (
    <ul className="space-y-0.5 text-xs" data-testid={`tokens-${user}`}>
      {tokens.data.userTokens.map((token) => (
        <li key={token.name} className="flex items-center gap-2">
          <span className="font-mono">{token.name}</span>
          <span className="text-slate-500">{token.lastUsed ? `last used ${new Date(token.lastUsed).toLocaleString()}` : 'never used'}</span>
          <button type="button" className="text-red-700 hover:underline disabled:opacity-50 dark:text-red-300" title={revokeDenied} disabled={!!revokeDenied || revoke.pending} onClick={async () => (await revoke.run({ user, tokenName: token.name })) && (await tokens.refetch())}>
            revoke
          </button>
        </li>
      ))}
      <MutationError error={revoke.error} />
    </ul>
  );
}
