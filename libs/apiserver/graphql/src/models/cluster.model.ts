import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import type { KubeObject } from '@drydock/util';
import { JSONScalar } from './json.scalar';

@ObjectType()
export class Problem {
  @Field({ description: 'critical (NotReady node), error (failing pod), warning (Pending pod, Warning event)' }) severity!: string;
  @Field() kind!: string;
  @Field({ nullable: true }) namespace?: string;
  @Field() name!: string;
  @Field() reason!: string;
  @Field() message!: string;
  @Field({ nullable: true }) since?: string;
}

@ObjectType()
export class NodeCounts {
  @Field(() => Int) total!: number;
  @Field(() => Int) ready!: number;
  @Field(() => Int) notReady!: number;
  @Field(() => Int) unschedulable!: number;
}

@ObjectType()
export class PodCounts {
  @Field(() => Int) total!: number;
  @Field(() => Int) pending!: number;
  @Field(() => Int) running!: number;
  @Field(() => Int) succeeded!: number;
  @Field(() => Int) failed!: number;
  @Field(() => Int) unknown!: number;
  @Field(() => Int, { description: 'CrashLoopBackOff, ImagePullBackOff, Error, OOMKilled … and Failed' }) failing!: number;
}

@ObjectType()
export class Allocation {
  @Field(() => Float) requested!: number;
  @Field(() => Float) limits!: number;
  @Field(() => Float) allocatable!: number;
  @Field(() => Float) capacity!: number;
}

@ObjectType()
export class ClusterSummary {
  @Field(() => [Problem], { description: 'most severe first' }) problems!: Problem[];
  @Field(() => NodeCounts) nodes!: NodeCounts;
  @Field(() => PodCounts) pods!: PodCounts;
  @Field(() => Allocation, { description: 'cores' }) cpu!: Allocation;
  @Field(() => Allocation, { description: 'bytes' }) memory!: Allocation;
  @Field(() => Int) namespaces!: number;
  @Field(() => Int, { description: 'Warning events in the last hour' }) warningEvents!: number;
  @Field(() => [String], { description: 'resources the caller may not list (RBAC), counted as none: nodes, pods, events' }) forbidden!: string[];
}

@ObjectType()
export class Namespace {
  @Field() name!: string;
  @Field() phase!: string;
  @Field({ nullable: true }) createdAt?: string;
  @Field(() => JSONScalar, { nullable: true }) labels?: Record<string, string>;
  raw!: KubeObject;
}
