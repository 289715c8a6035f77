import { Informer, isNotFound, resources } from '@drydock/client';
import { jsonEqual } from '@drydock/util';
import { ControllerContext, QueueReconciler } from '../controller-context';
import { Team, User } from './team.types';
import { membersOf, teamsOfUser } from './user-teams';

/**
 * Keeps each User's status.teams (the teams naming the user, with the role each gives) in step with the
 * Teams, through `/status`. Key: the user's name. A user no team names has no status.teams.
 */
export class TeamMembershipReconciler extends QueueReconciler {
  private readonly users: Informer<User>;
  private readonly teams: Informer<Team>;

  constructor(ctx: ControllerContext) {
    super('team-membership-controller', ctx);
    this.users = ctx.informers.informerFor<User>(resources.users);
    this.teams = ctx.informers.informerFor<Team>(resources.teams);
    this.users.addEventHandler({ onAdd: (user) => this.enqueue(user), onUpdate: (_old, user) => this.enqueue(user) });
    const requeueMembers = (...teams: Team[]) => membersOf(...teams).forEach((user) => this.queue.add(user));
    this.teams.addEventHandler({ onAdd: (team) => requeueMembers(team), onUpdate: (old, team) => requeueMembers(old, team), onDelete: (team) => requeueMembers(team) });
  }

  async sync(name: string): Promise<void> {
    const user = this.users.get('', name);
    if (!user) return;
    const teams = teamsOfUser(name, this.teams.list());
    if (jsonEqual(teams, user.status?.teams ?? [])) return;
    const status = { ...user.status };
    if (teams.length) status.teams = teams;
    else delete status.teams;
    try {
      await this.ctx.client.update(resources.users, { ...user, status }, { subresource: 'status' });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}
