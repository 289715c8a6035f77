import { Args, Context, Int, Mutation, Resolver } from '@nestjs/graphql';
import type { GraphqlContext } from '../graphql-context';
import { ApplyResult, DeleteResult, DrainResult, ExecResult } from '../models/mutation.model';
import { Node } from '../models/node.model';
import { Pod } from '../models/pod.model';
import { toNode, toPod, toWorkload } from '../models/to-model';
import { Workload, WorkloadKind } from '../models/workload.model';
import { ApplyService } from '../services/apply.service';
import { DeleteService } from '../services/delete.service';
import { ExecService } from '../services/exec.service';
import { NodeOperationsService } from '../services/node-operations.service';
import { WorkloadOperationsService } from '../services/workload-operations.service';

/** Every mutation: parse arguments and delegate; the services make the same REST writes kubectl makes, as the caller. */
@Resolver()
export class MutationResolver {
  constructor(
    private readonly workloads: WorkloadOperationsService,
    private readonly nodes: NodeOperationsService,
    private readonly applier: ApplyService,
    private readonly deleter: DeleteService,
    private readonly exec: ExecService,
  ) {}

  @Mutation(() => ApplyResult)
  applyManifests(
    @Context() ctx: GraphqlContext,
    @Args('yaml') yaml: string,
    @Args('dryRun', { type: () => Boolean, nullable: true, defaultValue: false }) dryRun: boolean | null,
    @Args('namespace', { type: () => String, nullable: true, defaultValue: 'default' }) namespace: string | null,
  ): Promise<ApplyResult> {
    return this.applier.apply(ctx, yaml, dryRun === true, namespace || 'default');
  }

  @Mutation(() => Workload)
  async scale(@Context() ctx: GraphqlContext, @Args('kind', { type: () => WorkloadKind }) kind: WorkloadKind, @Args('namespace') namespace: string, @Args('name') name: string, @Args('replicas', { type: () => Int }) replicas: number): Promise<Workload> {
    return toWorkload(kind, await this.workloads.scale(ctx, kind, namespace, name, replicas));
  }

  @Mutation(() => Workload)
  async rolloutRestart(@Context() ctx: GraphqlContext, @Args('kind', { type: () => WorkloadKind }) kind: WorkloadKind, @Args('namespace') namespace: string, @Args('name') name: string): Promise<Workload> {
    return toWorkload(kind, await this.workloads.restart(ctx, kind, namespace, name));
  }

  @Mutation(() => Workload, { description: 'toRevision 0 = the previous revision, as kubectl' })
  async rolloutUndo(@Context() ctx: GraphqlContext, @Args('namespace') namespace: string, @Args('name') name: string, @Args('toRevision', { type: () => Int, nullable: true, defaultValue: 0 }) toRevision: number | null): Promise<Workload> {
    return toWorkload('Deployment', await this.workloads.undo(ctx, namespace, name, toRevision ?? 0));
  }

  @Mutation(() => Workload)
  async rolloutPause(@Context() ctx: GraphqlContext, @Args('namespace') namespace: string, @Args('name') name: string): Promise<Workload> {
    return toWorkload('Deployment', await this.workloads.setPaused(ctx, namespace, name, true));
  }

  @Mutation(() => Workload)
  async rolloutResume(@Context() ctx: GraphqlContext, @Args('namespace') namespace: string, @Args('name') name: string): Promise<Workload> {
    return toWorkload('Deployment', await this.workloads.setPaused(ctx, namespace, name, false));
  }

  @Mutation(() => Node)
  async cordonNode(@Context() ctx: GraphqlContext, @Args('name') name: string): Promise<Node> {
    return toNode(await this.nodes.setUnschedulable(ctx, name, true));
  }

  @Mutation(() => Node)
  async uncordonNode(@Context() ctx: GraphqlContext, @Args('name') name: string): Promise<Node> {
    return toNode(await this.nodes.setUnschedulable(ctx, name, false));
  }

  @Mutation(() => DrainResult, { description: 'cordon + evict (PDB-aware; DaemonSet pods ignored as kubectl --ignore-daemonsets)' })
  async drainNode(@Context() ctx: GraphqlContext, @Args('name') name: string): Promise<DrainResult> {
    const outcome = await this.nodes.drain(ctx, name);
    return { ...outcome, node: toNode(outcome.node) };
  }

  @Mutation(() => Node)
  async powerOffNode(@Context() ctx: GraphqlContext, @Args('name') name: string): Promise<Node> {
    return toNode(await this.nodes.setPower(ctx, name, false));
  }

  @Mutation(() => Node)
  async powerOnNode(@Context() ctx: GraphqlContext, @Args('name') name: string): Promise<Node> {
    return toNode(await this.nodes.setPower(ctx, name, true));
  }

  @Mutation(() => Pod, { description: 'kubectl debug node/NAME --image=IMAGE: a node-debugger pod on the node with its / at /host, to exec a shell in' })
  async debugNode(@Context() ctx: GraphqlContext, @Args('name') name: string, @Args('image', { type: () => String, nullable: true, defaultValue: 'busybox' }) image: string | null): Promise<Pod> {
    return toPod(await this.nodes.debug(ctx, name, image || 'busybox'));
  }

  @Mutation(() => DeleteResult)
  async deleteObject(
    @Context() ctx: GraphqlContext,
    @Args('apiVersion') apiVersion: string,
    @Args('kind') kind: string,
    @Args('name') name: string,
    @Args('namespace', { nullable: true }) namespace?: string,
  ): Promise<DeleteResult> {
    return { status: await this.deleter.delete(ctx, apiVersion, kind, namespace, name) };
  }

  @Mutation(() => ExecResult)
  execCommand(
    @Context() ctx: GraphqlContext,
    @Args('namespace') namespace: string,
    @Args('pod') pod: string,
    @Args('command', { type: () => [String] }) command: string[],
    @Args('container', { nullable: true }) container?: string,
  ): Promise<ExecResult> {
    return this.exec.run(ctx, namespace, pod, container, command);
  }
}
