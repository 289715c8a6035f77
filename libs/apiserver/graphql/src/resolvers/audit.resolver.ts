import { Args, Context, Int, Query, Resolver } from '@nestjs/graphql';
import type { GraphqlContext } from '../graphql-context';
import { AuditEventFilter, AuditEventPage } from '../models/audit.model';
import { AuditService } from '../services/audit.service';

/** The audit log (drydock.dev/v1 auditevents) for the dashboard's Audit page. */
@Resolver()
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => AuditEventPage, { description: 'the audit log, newest first, as the caller may read it (list auditevents in the namespace, or cluster-wide without one)' })
  auditEvents(
    @Context() ctx: GraphqlContext,
    @Args('filter', { type: () => AuditEventFilter, nullable: true, defaultValue: {} }) filter: AuditEventFilter,
    @Args('limit', { type: () => Int, defaultValue: 100, description: 'at most this many (1 to 1000)' }) limit: number,
    @Args('continue', { nullable: true, description: 'the continue of the previous page' }) continueToken?: string,
  ): Promise<AuditEventPage> {
    return this.audit.events(ctx, filter, Math.min(Math.max(limit, 1), 1000), continueToken);
  }
}
