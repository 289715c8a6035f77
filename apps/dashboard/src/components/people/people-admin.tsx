'use client';
import { DeniedNote } from '@/components/access/denied-note';
import { buttonClass, inputClass, MutationError, primaryButtonClass } from '@/components/rollout/rollout-actions';
import { ErrorState, Loading } from '@/components/ui/states';
import { useMutation, useQuery } from '@/lib/graphql';
import type { CreateUserMutation, CreateUserMutationVariables, DeleteUserMutation, DeleteUserMutationVariables, PeopleQuery } from '@/lib/graphql-types.generated';
import { deniedReasons, usePermissions } from '@/lib/permissions';
import { useState } from 'react';
import { TeamsSection } from './teams-section';
import { UserCredentials } from './user-credentials';

const PEOPLE = /* GraphQL */ `query People { users { name displayName createdAt teams { team role } } teams { name namespaces createdAt quota members { user role } conditions { type status reason message } } }`;
const CREATE_USER = /* GraphQL */ `mutation CreateUser($name: String!, $displayName: String) { createUser(name: $name, displayName: $displayName) { name } }`;
const DELETE_USER = /* GraphQL */ `mutation DeleteUser($name: String!) { deleteObject(apiVersion: "drydock.dev/v1", kind: "User", name: $name) { status } }`;

/** The admin page: users (add, remove) and teams (add, members and roles, remove); each action as RBAC allows. */
export function PeopleAdmin() {
  const people = useQuery<PeopleQuery>(PEOPLE);
  const [canCreateUser, canDeleteUser] = usePermissions([{ verb: 'create', resource: 'users', group: 'drydock.dev' }, { verb: 'delete', resource: 'users', group: 'drydock.dev' }]);
  if (people.error) return <ErrorState error={people.error} />;
  if (!people.data) return <Loading />;
  const denied = (decision?: { allowed: boolean; reason?: string }) => (decision && !decision.allowed ? decision.reason : undefined);
  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <section aria-label="Users" className="space-y-3">
        <h2 className="text-lg font-semibold">Users</h2>
        <AddUser denied={denied(canCreateUser)} onDone={people.refetch} />
        <DeniedNote reasons={deniedReasons([canCreateUser, canDeleteUser])} />
        <ul data-testid="user-list" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
          {people.data.users.length === 0 && <li className="p-3 text-sm text-slate-500">No users yet.</li>}
          {people.data.users.map((user) => (
            <UserRow key={user.name} user={user} denied={denied(canDeleteUser)} onDone={people.refetch} />
          ))}
        </ul>
        <p className="text-xs text-slate-500">Sign-in links and tokens are credentials, not objects: the API server keeps them hashed. A sign-in link lets a new user set their password; tokens are revoked at once.</p>
      </section>
      <TeamsSection teams={people.data.teams} users={people.data.users.map((user) => user.name)} onDone={people.refetch} />
    </div>
  );
}

function AddUser({ denied, onDone }: { denied?: string; onDone: () => Promise<void> }) {
  const [name, setName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const create = useMutation<CreateUserMutation, CreateUserMutationVariables>(CREATE_USER);
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!(await create.run({ name: name.trim(), displayName: displayName.trim() || undefined }))) return;
        setName('');
        setDisplayName('');
        await onDone();
      }}
    >
      <input aria-label="User name" placeholder="name (alice)" value={name} disabled={!!denied} onChange={(e) => setName(e.target.value)} className={`${inputClass} w-40`} />
      <input aria-label="Display name" placeholder="display name" value={displayName} disabled={!!denied} onChange={(e) => setDisplayName(e.target.value)} className={`${inputClass} w-44`} />
      <button type="submit" className={primaryButtonClass} title={denied} disabled={!!denied || !name.trim() || create.pending}>
        {create.pending ? 'Adding…' : 'Add user'}
      </button>
      <MutationError error={create.error} />
    </form>
  );
}

function UserRow({ user, denied, onDone }: { user: PeopleQuery['users'][number]; denied?: string; onDone: () => Promise<void> }) {
  const remove = useMutation<DeleteUserMutation, DeleteUserMutationVariables>(DELETE_USER);
  const [confirming, setConfirming] = useState(false);
  return (
    <li className="flex items-center justify-between gap-3 p-3 text-sm" data-testid={`user-${user.name}`}>
      <div className="min-w-0">
        <p className="font-medium">
          {user.name}
          {user.displayName && <span className="ml-2 font-normal text-slate-500">{user.displayName}</span>}
        </p>
        <p className="text-xs text-slate-500">{user.teams.length ? user.teams.map((team) => `${team.team} (${team.role})`).join(', ') : 'in no team'}</p>
        <UserCredentials user={user.name} />
        <MutationError error={remove.error} />
      </div>
      <button
        type="button"
        className={buttonClass}
        title={denied}
        disabled={!!denied || remove.pending}
        onClick={async () => {
          // A second click confirms: the User goes, its team memberships stay in the teams until removed there.
          if (!confirming) return setConfirming(true);
          if (await remove.run({ name: user.name })) await onDone();
        }}
        onBlur={() => setConfirming(false)}
      >
        {remove.pending ? 'Removing…' : confirming ? 'Click again to remove' : 'Remove'}
      </button>
    </li>
  );
}
