import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
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

/**
 * Many pods' summary fields as columns: entry i of every list belongs to the same pod. The overview reads
 * every pod of the cluster; as objects, 10,000 pods are some 130,000 fields for GraphQL to execute and their
 * names repeated 10,000 times on the wire, as columns they are a dozen lists.
 */
@ObjectType({ description: "many pods' summary fields as columns: entry i of every list belongs to the same pod" })
export class PodColumns {
  @Field(() => Int) count!: number;
  @Field(() => [String]) namespace!: string[];
  @Field(() => [String]) name!: string[];
  @Field(() => [String]) phase!: string[];
  @Field(() => [String], { description: "kubectl's STATUS column" }) status!: string[];
  @Field(() => [String], { description: '"1/2"' }) ready!: string[];
  @Field(() => [Int]) restarts!: number[];
  @Field(() => [String], { nullable: 'items' }) nodeName!: (string | null)[];
  @Field(() => [String], { nullable: 'items' }) createdAt!: (string | null)[];
  @Field(() => [Int], { description: "the pod's labels: an index into labelSets" }) labelSet!: number[];
  @Field(() => [JSONScalar], { description: 'each distinct set of labels once (the pods of a ReplicaSet share one)' }) labelSets!: Record<string, string>[];
  @Field(() => [Float], { description: "the pod's CPU requests in cores, as Pod.requests" }) cpuRequests!: number[];
  @Field(() => [Float], { description: "the pod's memory requests in bytes, as Pod.requests" }) memoryRequests!: number[];
}
