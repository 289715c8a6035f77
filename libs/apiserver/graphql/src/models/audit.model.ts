import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'One request of the audit log (drydock.dev/v1 AuditEvent, upstream audit.k8s.io/v1 Event fields at the Metadata level)' })
export class AuditEvent {
  @Field({ description: 'auditID, also the AuditEvent name' }) auditID!: string;
  @Field({ description: 'stageTimestamp: when the response completed (RFC 3339, microseconds)' }) time!: string;
  @Field({ description: 'user.username: who authenticated' }) user!: string;
  @Field(() => [String]) groups!: string[];
  @Field({ nullable: true, description: 'impersonatedUser.username, when the requester acted as another user' }) impersonatedUser?: string;
  @Field() verb!: string;
  @Field({ nullable: true, description: "objectRef.apiGroup ('' for the core group)" }) apiGroup?: string;
  @Field({ nullable: true, description: 'objectRef.resource; absent for a non-resource request' }) resource?: string;
  @Field({ nullable: true }) subresource?: string;
  @Field({ nullable: true }) namespace?: string;
  @Field({ nullable: true }) name?: string;
  @Field() requestURI!: string;
  @Field(() => Int, { description: 'responseStatus.code' }) code!: number;
  @Field({ description: 'as Go prints a duration (3.1ms)' }) latency!: string;
  @Field(() => [String]) sourceIPs!: string[];
  @Field({ nullable: true }) userAgent?: string;
}

@ObjectType({ description: 'A page of audit events, newest first' })
export class AuditEventPage {
  @Field(() => [AuditEvent]) items!: AuditEvent[];
  @Field({ nullable: true, description: 'pass back as `continue` for the next (older) page; absent on the last' }) continue?: string;
}

@InputType({ description: 'Each field narrows the list (the API server field selectors of auditevents)' })
export class AuditEventFilter {
  @Field({ nullable: true, description: 'one namespace (needs list auditevents there); absent: every namespace and the cluster-scoped requests (needs it cluster-wide)' }) namespace?: string;
  @Field({ nullable: true, description: 'user.username' }) user?: string;
  @Field({ nullable: true }) verb?: string;
  @Field({ nullable: true, description: 'objectRef.resource (plural, e.g. deployments)' }) resource?: string;
  @Field(() => Int, { nullable: true, description: 'responseStatus.code' }) code?: number;
}
