import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { GraphqlContext } from '../graphql-context';
import { DrydockUser, SignInLink, Team, TeamMemberInput, TeamRole, UserToken } from '../models/people.model';
import { PeopleService } from '../services/people.service';

/** Users and teams for the dashboard's admin page; removing one is `deleteObject` (drydock.dev/v1 User or Team). */
@Resolver()
export class PeopleResolver {
  constructor(private readonly people: PeopleService) {}

  @Query(() => [DrydockUser], { description: 'drydock.dev/v1 Users' })
  users(@Context() ctx: GraphqlContext): Promise<DrydockUser[]> {
    return this.people.users(ctx);
  }

  @Query(() => [Team], { description: 'drydock.dev/v1 Teams' })
  teams(@Context() ctx: GraphqlContext): Promise<Team[]> {
    return this.people.teams(ctx);
  }

  @Mutation(() => DrydockUser)
  createUser(@Context() ctx: GraphqlContext, @Args('name') name: string, @Args('displayName', { nullable: true }) displayName?: string): Promise<DrydockUser> {
    return this.people.createUser(ctx, name, displayName);
  }

  @Mutation(() => Team)
  createTeam(
    @Context() ctx: GraphqlContext,
    @Args('name') name: string,
    @Args('namespaces', { type: () => [String] }) namespaces: string[],
    @Args('members', { type: () => [TeamMemberInput], nullable: true, defaultValue: [] }) members: TeamMemberInput[],
  ): Promise<Team> {
    return this.people.createTeam(ctx, name, namespaces, members);
  }

  @Mutation(() => Team, { description: "adds the user to the team or changes their role" })
  setTeamMember(@Context() ctx: GraphqlContext, @Args('team') team: string, @Args('user') user: string, @Args('role', { type: () => TeamRole }) role: TeamRole): Promise<Team> {
    return this.people.setMember(ctx, team, user, role);
  }

  @Mutation(() => Team)
  removeTeamMember(@Context() ctx: GraphqlContext, @Args('team') team: string, @Args('user') user: string): Promise<Team> {
    return this.people.setMember(ctx, team, user, undefined);
  }

  @Query(() => [UserToken], { description: "a user's API tokens (users/NAME/tokens)" })
  userTokens(@Context() ctx: GraphqlContext, @Args('user') user: string): Promise<UserToken[]> {
    return this.people.tokens(ctx, user);
  }

  @Mutation(() => Boolean, { description: 'revokes one of the user tokens by name; refused on its next request' })
  revokeUserToken(@Context() ctx: GraphqlContext, @Args('user') user: string, @Args('tokenName') tokenName: string): Promise<boolean> {
    return this.people.revokeToken(ctx, user, tokenName);
  }

  @Mutation(() => String, { description: 'a kubeconfig (YAML) holding a new token of the user (users/NAME/kubeconfig): allowed to the user and to admins; the token is shown only here' })
  createKubeconfig(@Context() ctx: GraphqlContext, @Args('user') user: string, @Args('tokenName', { nullable: true, description: 'a DNS label, unique per user (default kubeconfig-XXXXX)' }) tokenName?: string): Promise<string> {
    return this.people.kubeconfig(ctx, user, tokenName);
  }

  @Mutation(() => SignInLink, { description: 'a one-time sign-in link for the user (users/NAME/signinlink)' })
  createSignInLink(@Context() ctx: GraphqlContext, @Args('user') user: string): Promise<SignInLink> {
    return this.people.signInLink(ctx, user);
  }
}
