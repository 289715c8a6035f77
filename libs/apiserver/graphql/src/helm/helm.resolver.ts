import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { GraphqlContext } from '../graphql-context';
import { HelmRelease, toHelmRelease } from './helm.model';
import { HelmReleasesService } from './helm-releases.service';

/** Helm releases from helm's release Secrets: list, history, rollback (as the caller: RBAC on Secrets applies). */
@Resolver()
export class HelmResolver {
  constructor(private readonly helm: HelmReleasesService) {}

  @Query(() => [HelmRelease], { description: 'the last revision of each Helm release in the namespace (every namespace without one), as `helm list -a`' })
  async helmReleases(@Context() ctx: GraphqlContext, @Args('namespace', { nullable: true }) namespace?: string): Promise<HelmRelease[]> {
    return (await this.helm.releases(ctx, namespace || undefined)).map(toHelmRelease);
  }

  @Query(() => [HelmRelease], { description: 'every revision of one release, oldest first, as `helm history`' })
  async helmReleaseHistory(@Context() ctx: GraphqlContext, @Args('namespace') namespace: string, @Args('name') name: string): Promise<HelmRelease[]> {
    return (await this.helm.revisions(ctx, namespace, name)).map(toHelmRelease);
  }

  @Mutation(() => HelmRelease, { description: '`helm rollback NAME REVISION`: a new revision with the chart, values and manifest of REVISION (0: the one before the last), applied as helm applies it' })
  async helmRollback(@Context() ctx: GraphqlContext, @Args('namespace') namespace: string, @Args('name') name: string, @Args('revision', { type: () => Int, defaultValue: 0 }) revision: number): Promise<HelmRelease> {
    return toHelmRelease(await this.helm.rollback(ctx, namespace, name, revision));
  }
}
