import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { KubeObject } from '@drydock/util';
import { Condition, Resources } from './common.model';
import { JSONScalar } from './json.scalar';

@ObjectType()
export class ContainerStatus {
  @Field() name!: string;
  @Field() image!: string;
  @Field() ready!: boolean;
  @Field(() => Int) restartCount!: number;
  @Field({ description: 'running / waiting / terminated' }) state!: string;
  @Field({ nullable: true }) reason?: string;
  @Field({ nullable: true }) message?: string;
  @Field({ nullable: true }) startedAt?: string;
  @Field(() => Int, { nullable: true }) exitCode?: number;
  @Field(() => Resources) requests!: Resources;
  @Field(() => Resources) limits!: Resources;
}

@ObjectType()
export class NodeVerdict {
  @Field() node!: string;
  @Field(() => [String]) reasons!: string[];
  @Field({ description: 'the reasons in plain words' }) explanation!: string;
}

@ObjectType()
export class SchedulingInfo {
  @Field({ nullable: true, description: 'the PodScheduled condition message / FailedScheduling event message' }) message?: string;
  @Field(() => [NodeVerdict], { description: 'from the scheduler\'s per-node record (annotation scheduler.drydock.dev/node-reasons)' }) nodes!: NodeVerdict[];
}

/** Flat fields come from the Pod alone; node, events, ownerChain and scheduling are resolved through the loader. */
@ObjectType()
export class Pod {
  @Field() namespace!: string;
  @Field() name!: string;
  @Field() uid!: string;
  @Field() phase!: string;
  @Field({ description: "kubectl's STATUS column" }) status!: string;
  @Field({ description: '"1/2"' }) ready!: string;
  @Field(() => Int) restarts!: number;
  @Field({ nullable: true }) nodeName?: string;
  @Field({ nullable: true }) podIP?: string;
  @Field({ nullable: true }) createdAt?: string;
  @Field({ nullable: true }) deletionTimestamp?: string;
  @Field(() => JSONScalar, { nullable: true }) labels?: Record<string, string>;
  @Field({ nullable: true }) qosClass?: string;
  @Field(() => Resources) requests!: Resources;
  @Field(() => [ContainerStatus]) containers!: ContainerStatus[];
  @Field(() => [Condition]) conditions!: Condition[];
  raw!: KubeObject;
}
