import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { KubeObject } from '@drydock/util';
import { Condition } from './common.model';
import { JSONScalar } from './json.scalar';
import type { WorkloadKindName } from '../kube/kube-kinds';

export enum WorkloadKind {
  Deployment = 'Deployment',
  ReplicaSet = 'ReplicaSet',
  StatefulSet = 'StatefulSet',
  DaemonSet = 'DaemonSet',
  Job = 'Job',
  CronJob = 'CronJob',
}
registerEnumType(WorkloadKind, { name: 'WorkloadKind' });

@ObjectType()
export class Workload {
  @Field(() => WorkloadKind) kind!: WorkloadKindName;
  @Field() namespace!: string;
  @Field() name!: string;
  @Field() uid!: string;
  @Field({ nullable: true }) createdAt?: string;
  @Field(() => JSONScalar, { nullable: true }) labels?: Record<string, string>;
  @Field({ nullable: true, description: 'label selector as a string' }) selector?: string;
  @Field(() => [String]) images!: string[];
  @Field(() => Int) desired!: number;
  @Field(() => Int) current!: number;
  @Field(() => Int) ready!: number;
  @Field(() => Int) updated!: number;
  @Field(() => Int) available!: number;
  @Field({ description: 'Available, Progressing, Paused, Failed, Complete, Suspended, Running, Scheduled, Active' }) status!: string;
  @Field() paused!: boolean;
  @Field(() => [Condition]) conditions!: Condition[];
  @Field(() => Int, { nullable: true, description: 'Deployment / ReplicaSet revision annotation' }) revision?: number;
  raw!: KubeObject;
}

@ObjectType()
export class ReplicaSetSide {
  @Field() name!: string;
  @Field(() => Int, { nullable: true }) revision?: number;
  @Field(() => Int) replicas!: number;
  @Field(() => Int) ready!: number;
  @Field(() => Int) available!: number;
  @Field(() => [String]) images!: string[];
}

@ObjectType()
export class RolloutState {
  @Field({ description: 'RollingUpdate / Recreate' }) strategy!: string;
  @Field(() => Int) desired!: number;
  @Field(() => Int) updated!: number;
  @Field(() => Int) ready!: number;
  @Field(() => Int) available!: number;
  @Field(() => Int) unavailable!: number;
  @Field(() => Int, { description: 'resolved against desired, as the controller does' }) maxSurge!: number;
  @Field(() => Int) maxUnavailable!: number;
  @Field(() => Int, { description: 'desired + maxSurge' }) maxTotal!: number;
  @Field(() => Int, { description: 'desired - maxUnavailable' }) minAvailable!: number;
  @Field() complete!: boolean;
  @Field({ nullable: true, description: 'Progressing condition message' }) message?: string;
  @Field(() => ReplicaSetSide, { nullable: true }) newReplicaSet?: ReplicaSetSide;
  @Field(() => [ReplicaSetSide]) oldReplicaSets!: ReplicaSetSide[];
}

@ObjectType()
export class Revision {
  @Field(() => Int) revision!: number;
  @Field() replicaSet!: string;
  @Field({ nullable: true }) createdAt?: string;
  @Field({ nullable: true }) changeCause?: string;
  @Field(() => [String]) images!: string[];
  @Field() current!: boolean;
  @Field(() => JSONScalar) template!: Record<string, unknown>;
  @Field() templateYaml!: string;
  @Field({ description: 'unified diff of templateYaml against the previous revision ("" for the first)' }) diff!: string;
}
