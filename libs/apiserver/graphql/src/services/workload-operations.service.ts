import { isControlledBy, kubeTime } from '@drydock/kube';
import { Injectable } from '@nestjs/common';
import { resources } from '@drydock/client';
import { KubeObject, StatusError } from '@drydock/util';
import type { GraphqlContext } from '../graphql-context';
import { WorkloadKindName, workloadResources } from '../kube/kube-kinds';
import { revisionOf } from '../presenters/workload.presenter';
import { CHANGE_CAUSE_ANNOTATION, revisionTemplate } from '../presenters/revision.presenter';

export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';


/** The kubectl verbs on workloads (scale, rollout restart/undo/pause/resume), as the same REST writes kubectl makes. */
@Injectable()
export class WorkloadOperationsService {
  /** kubectl scale: the scale subresource for Deployments, ReplicaSets and StatefulSets; a Job's parallelism. */
  async scale(ctx: GraphqlContext, kind: WorkloadKindName, namespace: string, name: string, replicas: number): Promise<KubeObject> {
    if (!Number.isInteger(replicas) || replicas < 0) throw StatusError.badRequest(`replicas must be a non-negative integer, not ${replicas}`);
    const ref = workloadResources[kind];
    if (kind === 'Job') return ctx.kube.patch(ref, namespace, name, { spec: { parallelism: replicas } }, 'merge');
    if (kind === 'DaemonSet' || kind === 'CronJob') throw StatusError.badRequest(`a ${kind} cannot be scaled`);
    await ctx.kube.patch(ref, namespace, name, { spec: { replicas } }, 'merge', { subresource: 'scale' });
    return ctx.kube.read(ref, namespace, name);
  }

  /** kubectl rollout restart: stamps the pod template with restartedAt, which starts a new rollout. */
  async restart(ctx: GraphqlContext, kind: WorkloadKindName, namespace: string, name: string, now = new Date()): Promise<KubeObject> {
    if (kind !== 'Deployment' && kind !== 'StatefulSet' && kind !== 'DaemonSet') throw StatusError.badRequest(`rollout restart is not supported for ${kind}s (only Deployments, StatefulSets and DaemonSets)`);
    const workload = await ctx.kube.read(workloadResources[kind], namespace, name);
    if (kind === 'Deployment' && (workload.spec as { paused?: boolean } | undefined)?.paused) throw StatusError.badRequest(`deployments.apps "${name}" can't restart paused deployment (run rollout resume first)`);
    return ctx.kube.patch(workloadResources[kind], namespace, name, { spec: { template: { metadata: { annotations: { [RESTARTED_AT_ANNOTATION]: kubeTime(now) } } } } }, 'strategic');
  }

  async setPaused(ctx: GraphqlContext, namespace: string, name: string, paused: boolean): Promise<KubeObject> {
    const deployment = await ctx.kube.read(resources.deployments, namespace, name);
    const already = (deployment.spec as { paused?: boolean } | undefined)?.paused === true;
    if (already === paused) throw StatusError.badRequest(`deployments.apps "${name}" is ${paused ? 'already paused' : 'not paused'}`);
    return ctx.kube.patch(resources.deployments, namespace, name, { spec: { paused: paused ? true : null } }, 'merge');
  }

  /**
   * kubectl rollout undo: the chosen revision's ReplicaSet template (without pod-template-hash) replaces
   * the Deployment's template; revision 0 means the one before the current. The controller then rolls
   * out, and the old ReplicaSet becomes the newest revision.
   */
  async undo(ctx: GraphqlContext, namespace: string, name: string, toRevision: number): Promise<KubeObject> {
    const deployment = await ctx.kube.read(resources.deployments, namespace, name);
    if ((deployment.spec as { paused?: boolean } | undefined)?.paused) throw StatusError.badRequest("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
    const owned = (await ctx.kube.list(resources.replicasets, { namespace })).items.filter((rs) => isControlledBy(rs, deployment) && revisionOf(rs) !== undefined);
    const current = revisionOf(deployment) ?? Math.max(0, ...owned.map((rs) => revisionOf(rs)!));
    let target: KubeObject | undefined;
    if (toRevision === 0) target = owned.filter((rs) => revisionOf(rs)! < current).sort((a, b) => revisionOf(b)! - revisionOf(a)!)[0];
    else target = owned.find((rs) => revisionOf(rs) === toRevision);
    if (!target) {
      throw toRevision === 0 ? StatusError.badRequest('no rollout history found for deployment "' + name + '"') : new StatusError(404, 'NotFound', `unable to find specified revision ${toRevision} in history`);
    }
    const patch: unknown[] = [{ op: 'replace', path: '/spec/template', value: revisionTemplate(target) }];
    const cause = target.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION];
    if (cause !== undefined) patch.push({ op: 'add', path: '/metadata/annotations', value: { ...deployment.metadata.annotations, [CHANGE_CAUSE_ANNOTATION]: cause } });
    return ctx.kube.patch(resources.deployments, namespace, name, patch, 'json');
  }
}
