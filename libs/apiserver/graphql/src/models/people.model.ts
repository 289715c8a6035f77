import { Field, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { JSONScalar } from './json.scalar';
import { Condition } from './common.model';

/** A member's role in a team: the bootstrap ClusterRole the team controller binds them to. */
export enum TeamRole {
  admin = 'admin',
  edit = 'edit',
  view = 'view',
}
registerEnumType(TeamRole, { name: 'TeamRole', description: 'the ClusterRole a member is bound to in each of the team namespaces' });

@ObjectType()
export class UserTeam {
  @Field() team!: string;
  @Field() role!: string;
}

@ObjectType({ description: 'A drydock.dev/v1 User (a person; credentials are not objects)' })
export class DrydockUser {
  @Field() name!: string;
  @Field({ nullable: true }) displayName?: string;
  @Field(() => [UserTeam], { description: "status.teams, kept by the team controller" }) teams!: UserTeam[];
  @Field({ nullable: true }) createdAt?: string;
}

@ObjectType()
export class TeamMember {
  @Field() user!: string;
  @Field() role!: string;
}

@ObjectType({ description: 'A drydock.dev/v1 Team: its members get their role in each of its namespaces' })
export class Team {
  @Field() name!: string;
  @Field(() => [TeamMember]) members!: TeamMember[];
  @Field(() => [String]) namespaces!: string[];
  @Field(() => JSONScalar, { nullable: true, description: "a ResourceQuota's hard list for each namespace" }) quota?: Record<string, string>;
  @Field(() => [Condition]) conditions!: Condition[];
  @Field({ nullable: true }) createdAt?: string;
}

@InputType()
export class TeamMemberInput {
  @Field() user!: string;
  @Field(() => TeamRole) role!: TeamRole;
}

@ObjectType({ description: "One of a user's API tokens (users/NAME/tokens): its name and times, never the token" })
export class UserToken {
  @Field() name!: string;
  @Field({ nullable: true }) createdAt?: string;
  @Field({ nullable: true }) expiresAt?: string;
  @Field({ nullable: true }) lastUsed?: string;
}

@ObjectType({ description: 'A one-time sign-in link (users/NAME/signinlink): whoever opens it sets the user password once' })
export class SignInLink {
  @Field({ description: "the dashboard's path (/login?link=…)" }) path!: string;
  @Field({ nullable: true, description: 'the whole address, when the API server knows the dashboard' }) url?: string;
  @Field({ nullable: true }) expiresAt?: string;
}
