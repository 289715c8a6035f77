import { Field, ObjectType } from '@nestjs/graphql';
import type { KubeObject } from '@drydock/util';
import { Condition, Resources } from './common.model';
import { JSONScalar } from './json.scalar';

@ObjectType()
export class Taint {
  @Field() key!: string;
  @Field({ nullable: true }) value?: string;
  @Field() effect!: string;
}

/** Flat fields come from the Node alone; pods, requested, limits, podCount and events are resolved per request through the loader. */
@ObjectType()
export class Node {
  @Field() name!: string;
  @Field({ description: 'kubectl STATUS column: Ready, NotReady, Unknown, "Ready,SchedulingDisabled"' }) status!: string;
  @Field({ description: 'Ready condition status: True / False / Unknown' }) ready!: string;
  @Field() unschedulable!: boolean;
  @Field({ description: 'sim.drydock.dev/power annotation is "off"' }) poweredOff!: boolean;
  @Field(() => [String]) roles!: string[];
  @Field(() => JSONScalar, { nullable: true }) labels?: Record<string, string>;
  @Field(() => [Taint]) taints!: Taint[];
  @Field(() => [Condition]) conditions!: Condition[];
  @Field(() => Resources) capacity!: Resources;
  @Field(() => Resources) allocatable!: Resources;
  @Field({ nullable: true }) internalIP?: string;
  @Field({ nullable: true }) kubeletVersion?: string;
  @Field({ nullable: true }) createdAt?: string;
  raw!: KubeObject;
}

