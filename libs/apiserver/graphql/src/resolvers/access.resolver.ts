import { Args, Context, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { StatusError } from '@drydock/util';
import type { GraphqlContext } from '../graphql-context';
import { AccessCheckInput, AccessRules, Permission } from '../models/access.model';
import { User } from '../models/common.model';

/** At most this many checks in one `permissions` query (a page asks for its actions, tens at most). */
const MAX_CHECKS = 500;

/** What the caller may do: access reviews and rules reviews as the caller, batched and cached per operation. */
@Resolver(() => User)
export class AccessResolver {
  @Query(() => [Permission], { description: 'One SelfSubjectAccessReview per distinct check (asked together, cached for the operation), answers in the order asked' })
  async permissions(@Context() ctx: GraphqlContext, @Args('checks', { type: () => [AccessCheckInput] }) checks: AccessCheckInput[]): Promise<Permission[]> {
    if (checks.length > MAX_CHECKS) throw StatusError.badRequest(`at most ${MAX_CHECKS} checks in one query`);
    return Promise.all(checks.map(async (check) => ({ ...check, ...(await ctx.access.can(check)) })));
  }

  @Query(() => AccessRules, { description: "The caller's rules in a namespace (kubectl auth can-i --list -n NAMESPACE)" })
  async accessRules(@Context() ctx: GraphqlContext, @Args('namespace') namespace: string): Promise<AccessRules> {
    const review = await ctx.access.rules(namespace);
    return {
      namespace,
      resourceRules: review.resourceRules.map((rule) => ({ verbs: rule.verbs ?? [], apiGroups: rule.apiGroups ?? [], resources: rule.resources ?? [], resourceNames: rule.resourceNames ?? [] })),
      nonResourceRules: review.nonResourceRules.map((rule) => ({ verbs: rule.verbs ?? [], nonResourceURLs: rule.nonResourceURLs ?? [] })),
      incomplete: review.incomplete,
      evaluationError: review.evaluationError,
    };
  }

  @ResolveField(() => Boolean, { description: 'whether the caller may list namespaces (otherwise `namespaces` lists those they may list pods in)' })
  canListNamespaces(@Context() ctx: GraphqlContext): Promise<boolean> {
    return ctx.access.canListNamespaces();
  }
}
