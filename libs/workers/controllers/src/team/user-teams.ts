import type { Team, UserTeam } from './team.types';

/** The teams that name `user` as a member, with the role each gives, sorted by team name. */
export function teamsOfUser(user: string, teams: Team[]): UserTeam[] {
  const found: UserTeam[] = [];
  for (const team of teams) {
    if (team.metadata.deletionTimestamp) continue;
    const member = team.spec?.members?.find((m) => m.user === user);
    if (member) found.push({ team: team.metadata.name!, role: member.role });
  }
  return found.sort((a, b) => (a.team < b.team ? -1 : a.team > b.team ? 1 : 0));
}

/** The users a team names (before and after a change), to requeue each. */
export function membersOf(...teams: (Team | undefined)[]): string[] {
  return [...new Set(teams.flatMap((team) => (team?.spec?.members ?? []).map((member) => member.user)))];
}
