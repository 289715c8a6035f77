import { Injectable } from '@nestjs/common';
import { apiVersionOf, resourcePath, resources } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import type { GraphqlContext } from '../graphql-context';
import type { DrydockUser, SignInLink, Team, TeamMember, TeamRole, UserToken } from '../models/people.model';

interface UserObject extends KubeObject {
  spec?: { displayName?: string };
  status?: { teams?: { team: string; role: string }[] };
}

interface TeamObject extends KubeObject {
  spec?: { members?: TeamMember[]; namespaces?: string[]; quota?: Record<string, string> };
  status?: { conditions?: Team['conditions'] };
}

export function toDrydockUser(user: UserObject): DrydockUser {
  return { name: user.metadata.name ?? '', displayName: user.spec?.displayName, teams: user.status?.teams ?? [], createdAt: user.metadata.creationTimestamp };
}

export function toTeam(team: TeamObject): Team {
  return { name: team.metadata.name ?? '', members: team.spec?.members ?? [], namespaces: team.spec?.namespaces ?? [], quota: team.spec?.quota, conditions: team.status?.conditions ?? [], createdAt: team.metadata.creationTimestamp };
}

/** A team's members with `user` set to `role` (added at the end when new) or, for role undefined, without them. */
export function withMember(members: TeamMember[], user: string, role: TeamRole | undefined): TeamMember[] {
  const others = members.filter((member) => member.user !== user);
  if (!role) return others;
  const at = members.findIndex((member) => member.user === user);
  const next = [...others];
  next.splice(at < 0 ? next.length : at, 0, { user, role });
  return next;
}

/** Users and teams (drydock.dev/v1), read and written through the REST API as the caller: RBAC decides who may. */
@Injectable()
export class PeopleService {
  async users(ctx: GraphqlContext): Promise<DrydockUser[]> {
    return (await ctx.loader.list(resources.users)).map((user) => toDrydockUser(user as UserObject));
  }

  async teams(ctx: GraphqlContext): Promise<Team[]> {
    return (await ctx.loader.list(resources.teams)).map((team) => toTeam(team as TeamObject));
  }

  async createUser(ctx: GraphqlContext, name: string, displayName: string | undefined): Promise<DrydockUser> {
    const body = { apiVersion: apiVersionOf(resources.users), kind: 'User', metadata: { name }, spec: displayName ? { displayName } : {} };
    return toDrydockUser(await ctx.kube.post<UserObject>(resources.users, undefined, undefined, body));
  }

  async createTeam(ctx: GraphqlContext, name: string, namespaces: string[], members: TeamMember[]): Promise<Team> {
    const body = { apiVersion: apiVersionOf(resources.teams), kind: 'Team', metadata: { name }, spec: { members, namespaces } };
    return toTeam(await ctx.kube.post<TeamObject>(resources.teams, undefined, undefined, body));
  }

  /** The user's API tokens, from the API server's users/NAME/tokens (the credentials stay there). */
  async tokens(ctx: GraphqlContext, user: string): Promise<UserToken[]> {
    const list = await ctx.kube.raw<{ items?: { metadata?: { name?: string; creationTimestamp?: string }; spec?: { expirationTimestamp?: string | null }; status?: { lastUsedTime?: string | null } }[] }>({ method: 'GET', path: resourcePath(resources.users, undefined, user, 'tokens') });
    return (list.items ?? []).map((token) => ({ name: token.metadata?.name ?? '', createdAt: token.metadata?.creationTimestamp, expiresAt: token.spec?.expirationTimestamp ?? undefined, lastUsed: token.status?.lastUsedTime ?? undefined }));
  }

  async revokeToken(ctx: GraphqlContext, user: string, tokenName: string): Promise<boolean> {
    await ctx.kube.raw({ method: 'DELETE', path: resourcePath(resources.users, undefined, user, 'tokens'), query: { tokenName } });
    return true;
  }

  /** A kubeconfig (YAML) holding a new token of the user, from users/NAME/kubeconfig: the token is in it once and stored only hashed. */
  kubeconfig(ctx: GraphqlContext, user: string, tokenName: string | undefined): Promise<string> {
    return ctx.kube.text({ method: 'POST', path: resourcePath(resources.users, undefined, user, 'kubeconfig'), query: tokenName ? { tokenName } : undefined });
  }

  /** A new one-time sign-in link from users/NAME/signinlink (earlier unused ones stop working). */
  async signInLink(ctx: GraphqlContext, user: string): Promise<SignInLink> {
    const link = await ctx.kube.post<{ status?: { path?: string; url?: string; expirationTimestamp?: string } }>(resources.users, undefined, user, {}, 'signinlink');
    return { path: link.status?.path ?? '', url: link.status?.url, expiresAt: link.status?.expirationTimestamp };
  }

  /**
   * Adds, changes or (role undefined) removes one member: a replace carrying the resourceVersion it
   * read, so a concurrent change of the team is 409 Conflict, never a lost member.
   */
  async setMember(ctx: GraphqlContext, teamName: string, user: string, role: TeamRole | undefined): Promise<Team> {
    const team = await ctx.kube.read<TeamObject>(resources.teams, undefined, teamName);
    const next = { ...team, spec: { ...team.spec, members: withMember(team.spec?.members ?? [], user, role) } };
    return toTeam(await ctx.kube.raw<TeamObject>({ method: 'PUT', path: resourcePath(resources.teams, undefined, teamName), body: next }));
  }
}
