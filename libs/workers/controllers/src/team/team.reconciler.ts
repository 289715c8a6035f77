import { ApiError, Informer, isAlreadyExists, isConflict, isNotFound, ResourceRef, resources } from '@drydock/client';
import { getControllerOf } from '@drydock/kube';
import type { KubeObject } from '@drydock/util';
import { ControllerContext, QueueReconciler } from '../controller-context';
import { StaleInformerCacheError } from '../util/write-tracker';
import { planNamespaces } from './team-namespaces';
import { desiredTeamObjects, TeamObject, TeamResource } from './team-objects';
import { planTeamObjects, TeamWrite } from './team-plan';
import { nextTeamStatus } from './team-status';
import { Team, TEAM_LABEL } from './team.types';

const objectResources: Record<TeamResource, ResourceRef> = { rolebindings: resources.rolebindings, resourcequotas: resources.resourcequotas, limitranges: resources.limitranges };
const verbs = { create: ['creating', 'Created', 'FailedCreate'], update: ['updating', 'Updated', 'FailedUpdate'], delete: ['deleting', 'Deleted', 'FailedDelete'] } as const;

/**
 * Drydock's team controller: a Team becomes namespaces labelled `drydock.dev/team=<team>` and, in each,
 * a RoleBinding per role (to the ClusterRoles admin, edit, view; members as User subjects), the
 * ResourceQuota `team-quota` and the LimitRange `team-limits`, all controlled by the Team (so the garbage
 * collector removes them with it). Namespaces are created and labelled, never deleted: a namespace the
 * team lets go (or a deleted team's) keeps its workloads and loses only the label and the team's objects.
 * Status: a Ready condition and observedGeneration. Key: the team's name.
 */
export class TeamReconciler extends QueueReconciler {
  private readonly teams: Informer<Team>;
  private readonly namespaces: Informer<KubeObject>;
  private readonly objects: Record<TeamResource, Informer<KubeObject>>;

  constructor(ctx: ControllerContext) {
    super('team-controller', ctx);
    this.teams = ctx.informers.informerFor<Team>(resources.teams);
    this.namespaces = ctx.informers.informerFor<KubeObject>(resources.namespaces);
    this.objects = {
      rolebindings: ctx.informers.informerFor<KubeObject>(resources.rolebindings),
      resourcequotas: ctx.informers.informerFor<KubeObject>(resources.resourcequotas),
      limitranges: ctx.informers.informerFor<KubeObject>(resources.limitranges),
    };
    this.teams.addEventHandler({ onAdd: (team) => this.enqueue(team), onUpdate: (_old, team) => this.enqueue(team), onDelete: (team) => this.enqueue(team) });
    const byTeamLabel = { [TEAM_LABEL]: (object: KubeObject) => (object.metadata.labels?.[TEAM_LABEL] ? [object.metadata.labels[TEAM_LABEL]] : []) };
    for (const informer of [this.namespaces, ...Object.values(this.objects)]) {
      informer.addIndexers(byTeamLabel);
      informer.addEventHandler({ onAdd: (o) => this.dependentChanged(o), onUpdate: (old, o) => this.dependentChanged(old, o), onDelete: (o) => this.dependentChanged(o) });
    }
  }

  /** A namespace or kept object changed: requeue the team its label or controller names, and teams that list the namespace. */
  private dependentChanged(...versions: KubeObject[]): void {
    for (const object of versions) {
      const label = object.metadata.labels?.[TEAM_LABEL];
      if (label) this.queue.add(label);
      const controller = getControllerOf(object);
      if (controller?.kind === 'Team') this.queue.add(controller.name);
      if (object.kind === 'Namespace' || !object.metadata.namespace) {
        for (const team of this.teams.list()) if (team.spec?.namespaces?.includes(object.metadata.name!)) this.enqueue(team);
      }
    }
  }

  async sync(name: string): Promise<void> {
    const team = this.teams.get('', name);
    if (!team || team.metadata.deletionTimestamp) return this.releaseAll(name);
    const namespaces = planNamespaces(team, (namespace) => this.namespaces.get('', namespace), this.namespaces.byIndex(TEAM_LABEL, name));
    const failures: string[] = [];
    for (const namespace of namespaces.create) await this.write(team, failures, 'create', `namespace: ${namespace}`, () => this.ctx.client.create(resources.namespaces, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: { [TEAM_LABEL]: name } } }));
    for (const namespace of namespaces.adopt) await this.label(namespace, name, failures);
    for (const namespace of namespaces.release) await this.label(namespace, null, failures);
    for (const problem of namespaces.problems) this.events.event(team, 'Warning', problem.reason, problem.message);
    const desired = namespaces.kept.flatMap((namespace) => desiredTeamObjects(team, namespace));
    const plan = planTeamObjects(team, desired, (resource, namespace, object) => this.objects[resource].get(namespace, object), this.owned(team));
    for (const write of plan.writes) await this.apply(team, write, failures);
    for (const conflict of plan.conflicts) this.events.event(team, 'Warning', 'ObjectOwnedByAnotherController', `${conflict} is controlled by another owner; left alone`);
    await this.writeStatus(team, { kept: namespaces.kept, problems: namespaces.problems, conflicts: plan.conflicts, failure: failures[0] });
    if (failures.length) throw new Error(failures.join('; '));
  }

  /** Every cached object the team controls, in any namespace. */
  private owned(team: Team): TeamObject[] {
    return (Object.keys(this.objects) as TeamResource[]).flatMap((resource) =>
      this.objects[resource].byIndex(TEAM_LABEL, team.metadata.name!).filter((object) => getControllerOf(object)?.uid === team.metadata.uid).map((object) => ({ resource, object })),
    );
  }

  private apply(team: Team, write: TeamWrite, failures: string[]): Promise<void> {
    const ref = objectResources[write.resource];
    const { namespace, name } = write.object.metadata;
    const what = `${write.object.kind}: ${namespace}/${name}`;
    if (write.verb === 'create') return this.write(team, failures, 'create', what, () => this.ctx.client.create(ref, namespace!, write.object));
    if (write.verb === 'update') return this.write(team, failures, 'update', what, () => this.ctx.client.update(ref, write.object));
    return this.write(team, failures, 'delete', what, () => this.ctx.client.delete(ref, namespace!, name!, { preconditions: { uid: write.object.metadata.uid } }));
  }

  /**
   * One write, with upstream's events (SuccessfulCreate `Created namespace: blue`, FailedCreate `Error
   * creating: …`). A write that finds the cache behind (AlreadyExists, Conflict) ends the sync for a quiet
   * retry; a delete of what is already gone is done; other failures are collected for the status.
   */
  private async write(team: Team, failures: string[], verb: keyof typeof verbs, what: string, call: () => Promise<unknown>): Promise<void> {
    const [doing, done, failed] = verbs[verb];
    try {
      await call();
      if (verb !== 'update') this.events.event(team, 'Normal', verb === 'create' ? 'SuccessfulCreate' : 'SuccessfulDelete', `${done} ${what}`);
    } catch (error) {
      if (isAlreadyExists(error) || isConflict(error)) throw new StaleInformerCacheError(`team ${team.metadata.name}: ${(error as Error).message}`);
      if (verb === 'delete' && isNotFound(error)) return;
      const message = error instanceof ApiError ? error.message : String(error);
      this.events.event(team, 'Warning', failed, `Error ${doing}: ${message}`);
      failures.push(message);
    }
  }

  /** Sets (or, with null, removes) a namespace's team label by a merge patch. */
  private async label(namespace: string, team: string | null, failures: string[]): Promise<void> {
    try {
      await this.ctx.client.patch(resources.namespaces, '', namespace, { metadata: { labels: { [TEAM_LABEL]: team } } }, 'merge');
    } catch (error) {
      if (!isNotFound(error)) failures.push((error as Error).message);
    }
  }

  /** A deleted team lets its namespaces go (the garbage collector removes the objects it controlled). */
  private async releaseAll(name: string): Promise<void> {
    const failures: string[] = [];
    for (const namespace of this.namespaces.byIndex(TEAM_LABEL, name)) await this.label(namespace.metadata.name!, null, failures);
    if (failures.length) throw new Error(failures.join('; '));
  }

  private async writeStatus(team: Team, input: Parameters<typeof nextTeamStatus>[1]): Promise<void> {
    const status = nextTeamStatus(team, input, this.ctx.clock.now());
    if (!status) return;
    await this.ctx.client.update(resources.teams, { ...team, status }, { subresource: 'status' });
  }
}
