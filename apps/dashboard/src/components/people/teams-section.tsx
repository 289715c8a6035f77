'use client';
import { useState } from 'react';
import { DeniedNote } from '@/components/access/denied-note';
import { buttonClass, inputClass, MutationError, primaryButtonClass } from '@/components/rollout/rollout-actions';
import { useMutation } from '@/lib/graphql';
import type { CreateTeamMutation, CreateTeamMutationVariables, DeleteTeamMutation, DeleteTeamMutationVariables, PeopleQuery, SetTeamMemberMutation, SetTeamMemberMutationVariables, RemoveTeamMemberMutation, RemoveTeamMemberMutationVariables, TeamRole } from '@/lib/graphql-types.generated';
import { deniedReasons, usePermissions } from '@/lib/permissions';

type TeamView = PeopleQuery['teams'][number];
const ROLES: TeamRole[] = ['admin', 'edit', 'view'] as TeamRole[];

const CREATE_TEAM = /* GraphQL */ `mutation CreateTeam($name: String!, $namespaces: [String!]!) { createTeam(name: $name, namespaces: $namespaces) { name } }`;
const DELETE_TEAM = /* GraphQL */ `mutation DeleteTeam($name: String!) { deleteObject(apiVersion: "drydock.dev/v1", kind: "Team", name: $name) { status } }`;
const SET_MEMBER = /* GraphQL */ `mutation SetTeamMember($team: String!, $user: String!, $role: TeamRole!) { setTeamMember(team: $team, user: $user, role: $role) { name } }`;
const REMOVE_MEMBER = /* GraphQL */ `mutation RemoveTeamMember($team: String!, $user: String!) { removeTeamMember(team: $team, user: $user) { name } }`;

type Denied = { create?: string; update?: string; remove?: string };

/** Teams: add one with its namespaces, add members and change their roles, remove members and teams. */
export function TeamsSection({ teams, users, onDone }: { teams: TeamView[]; users: string[]; onDone: () => Promise<void> }) {
  const checks = (['create', 'update', 'delete'] as const).map((verb) => ({ verb, resource: 'teams', group: 'drydock.dev' }));
  const decisions = usePermissions(checks);
  const reason = (index: number) => (decisions[index] && !decisions[index]!.allowed ? decisions[index]!.reason : undefined);
  const denied: Denied = { create: reason(0), update: reason(1), remove: reason(2) };
  return (
    <section aria-label="Teams" className="space-y-3">
      <h2 className="text-lg font-semibold">Teams</h2>
      <AddTeam denied={denied.create} onDone={onDone} />
      <DeniedNote reasons={deniedReasons(decisions)} />
      {teams.length === 0 && <p className="text-sm text-slate-500">No teams yet.</p>}
      {teams.map((team) => (
        <TeamCard key={team.name} team={team} users={users} denied={denied} onDone={onDone} />
      ))}
    </section>
  );
}

function AddTeam({ denied, onDone }: { denied?: string; onDone: () => Promise<void> }) {
  const [name, setName] = useState('');
  const [namespaces, setNamespaces] = useState('');
  const create = useMutation<CreateTeamMutation, CreateTeamMutationVariables>(CREATE_TEAM);
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={async (e) => {
        e.preventDefault();
        const list = namespaces.split(/[\s,]+/).filter(Boolean);
        if (!(await create.run({ name: name.trim(), namespaces: list.length ? list : [name.trim()] }))) return;
        setName('');
        setNamespaces('');
        await onDone();
      }}
    >
      <input aria-label="Team name" placeholder="team (blue)" value={name} disabled={!!denied} onChange={(e) => setName(e.target.value)} className={`${inputClass} w-36`} />
      <input aria-label="Team namespaces" placeholder="namespaces (default: the team's name)" value={namespaces} disabled={!!denied} onChange={(e) => setNamespaces(e.target.value)} className={`${inputClass} w-64`} />
      <button type="submit" className={primaryButtonClass} title={denied} disabled={!!denied || !name.trim() || create.pending}>
        {create.pending ? 'Adding…' : 'Add team'}
      </button>
      <MutationError error={create.error} />
    </form>
  );
}

function TeamCard({ team, users, denied, onDone }: { team: TeamView; users: string[]; denied: Denied; onDone: () => Promise<void> }) {
  const setMember = useMutation<SetTeamMemberMutation, SetTeamMemberMutationVariables>(SET_MEMBER);
  const removeMember = useMutation<RemoveTeamMemberMutation, RemoveTeamMemberMutationVariables>(REMOVE_MEMBER);
  const remove = useMutation<DeleteTeamMutation, DeleteTeamMutationVariables>(DELETE_TEAM);
  const [newMember, setNewMember] = useState('');
  const [newRole, setNewRole] = useState<TeamRole>('edit' as TeamRole);
  const [confirming, setConfirming] = useState(false);
  const ready = team.conditions.find((condition) => condition.type === 'Ready');
  const candidates = users.filter((user) => !team.members.some((member) => member.user === user));
  const run = async (promise: Promise<unknown>) => (await promise) && (await onDone());
  return (
    <article data-testid={`team-${team.name}`} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900">
      <header className="flex items-start justify-between gap-3">
        <div>
          <h3 className="font-semibold">{team.name}</h3>
          <p className="text-xs text-slate-500">
            namespaces: {team.namespaces.join(', ') || 'none'}
            {ready && ` · ${ready.status === 'True' ? 'ready' : ready.reason || 'not ready'}`}
          </p>
        </div>
        <button type="button" className={buttonClass} title={denied.remove} disabled={!!denied.remove || remove.pending} onBlur={() => setConfirming(false)} onClick={() => (confirming ? void run(remove.run({ name: team.name })) : setConfirming(true))}>
          {remove.pending ? 'Removing…' : confirming ? 'Click again to remove' : 'Remove team'}
        </button>
      </header>
      <table className="w-full">
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {team.members.map((member) => (
            <tr key={member.user}>
              <td className="py-1.5">{member.user}</td>
              <td className="py-1.5">
                <select aria-label={`Role of ${member.user} in ${team.name}`} value={member.role} disabled={!!denied.update || setMember.pending} title={denied.update} onChange={(e) => void run(setMember.run({ team: team.name, user: member.user, role: e.target.value as TeamRole }))} className={inputClass}>
                  {ROLES.map((role) => (
                    <option key={role}>{role}</option>
                  ))}
                </select>
              </td>
              <td className="py-1.5 text-right">
                <button type="button" className="text-xs text-red-700 hover:underline disabled:opacity-50 dark:text-red-300" title={denied.update} disabled={!!denied.update || removeMember.pending} onClick={() => void run(removeMember.run({ team: team.name, user: member.user }))}>
                  remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="flex flex-wrap items-center gap-2"
        onSubmit={async (e) => {
          e.preventDefault();
          if (newMember) await run(setMember.run({ team: team.name, user: newMember, role: newRole }));
          setNewMember('');
        }}
      >
        <select aria-label={`New member of ${team.name}`} value={newMember} disabled={!!denied.update} onChange={(e) => setNewMember(e.target.value)} className={inputClass}>
          <option value="">add a member…</option>
          {candidates.map((user) => (
            <option key={user}>{user}</option>
          ))}
        </select>
        <select aria-label={`Role of the new member of ${team.name}`} value={newRole} disabled={!!denied.update} onChange={(e) => setNewRole(e.target.value as TeamRole)} className={inputClass}>
          {ROLES.map((role) => (
            <option key={role}>{role}</option>
          ))}
        </select>
        <button type="submit" className={buttonClass} title={denied.update} disabled={!!denied.update || !newMember || setMember.pending}>
          Add
        </button>
      </form>
      <MutationError error={setMember.error ?? removeMember.error ?? remove.error} />
    </article>
  );
}
