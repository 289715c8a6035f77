import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

/** One figure of what a component is doing now (`Scheduling queue`, `12 pods`). */
@ObjectType()
export class ControlPlaneFigure {
  @Field() label!: string;
  @Field() value!: string;
  @Field({ nullable: true, description: 'where the figure comes from, in a few words' }) source?: string;
}

/** A control-plane component as kubeadm shows it: its static pod in kube-system on the control-plane node. */
@ObjectType()
export class ControlPlaneComponent {
  @Field({ description: 'etcd, kube-apiserver, kube-controller-manager, kube-scheduler' }) name!: string;
  @Field({ description: 'what Drydock runs as this component' }) role!: string;
  @Field({ nullable: true, description: 'the mirror pod in kube-system (null when there is none: no control-plane node)' }) podName?: string;
  @Field({ nullable: true }) nodeName?: string;
  @Field({ description: 'kubectl STATUS column of the pod, or Missing' }) status!: string;
  @Field({ description: 'the pod is Ready' }) healthy!: boolean;
  @Field(() => Int) restarts!: number;
  @Field({ nullable: true }) startedAt?: string;
  @Field({ nullable: true, description: "holderIdentity of the component's leader-election Lease in kube-system" }) leaseHolder?: string;
  @Field({ nullable: true }) leaseRenewTime?: string;
  @Field(() => [ControlPlaneFigure]) figures!: ControlPlaneFigure[];
}

@ObjectType()
export class ControlPlane {
  @Field(() => [ControlPlaneComponent]) components!: ControlPlaneComponent[];
  @Field(() => Int, { description: "the store's revision (the latest resourceVersion)" }) revision!: number;
  @Field(() => Float, { nullable: true, description: 'writes per second over the last minute of this API server\'s samples (null until two samples)' }) writesPerSecond?: number;
}
