import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ObjectRef } from './common.model';

@ObjectType()
export class Event {
  @Field() uid!: string;
  @Field({ nullable: true }) namespace?: string;
  @Field() type!: string;
  @Field({ nullable: true }) reason?: string;
  @Field({ nullable: true }) message?: string;
  @Field(() => Int) count!: number;
  @Field({ nullable: true }) firstTimestamp?: string;
  @Field({ nullable: true, description: 'falls back to eventTime / creationTimestamp' }) lastTimestamp?: string;
  @Field(() => ObjectRef) involvedObject!: ObjectRef;
  @Field({ nullable: true, description: 'reportingController / source.component (+ host)' }) source?: string;
}

@InputType()
export class EventFilter {
  @Field({ nullable: true }) namespace?: string;
  @Field({ nullable: true }) kind?: string;
  @Field({ nullable: true }) name?: string;
  @Field({ nullable: true }) uid?: string;
  @Field({ nullable: true }) type?: string;
  @Field({ nullable: true }) reason?: string;
  @Field({ nullable: true, description: 'RFC 3339: events last seen at or after' }) since?: string;
  @Field({ nullable: true, description: 'with kind+name of a workload: also its ReplicaSets/Jobs and pods' }) includeRelated?: boolean;
  @Field(() => Int, { nullable: true }) limit?: number;
}
