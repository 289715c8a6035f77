import { getControllerOf } from '@drydock/kube';
import { jsonEqual, KubeObject } from '@drydock/util';
import { teamControllerRef, TeamObject, TeamResource } from './team-objects';
import { Team, TEAM_LABEL } from './team.types';

/** One write the team controller makes to bring a namespace's objects in step with the Team. */
export type TeamWrite =
  | { verb: 'create'; resource: TeamResource; object: KubeObject }
  | { verb: 'update'; resource: TeamResource; object: KubeObject }
  | { verb: 'delete'; resource: TeamResource; object: KubeObject };

export interface TeamPlan {
  writes: TeamWrite[];
  /** Objects in the way that another controller owns (`blue/team-quota` owned by a ReplicaSet…): left alone. */
  conflicts: string[];
}

const objectKey = (resource: string, object: KubeObject) => `${resource}/${object.metadata.namespace}/${object.metadata.name}`;
const metadataKeys = new Set(['apiVersion', 'kind', 'metadata', 'status']);

/** The fields that carry the desired state (roleRef, subjects, spec). */
function contentOf(object: KubeObject): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !metadataKeys.has(key)));
}

function inStep(team: Team, desired: KubeObject, actual: KubeObject): boolean {
  const content = contentOf(desired);
  const sameContent = Object.keys(content).every((key) => jsonEqual(content[key], actual[key]));
  const controller = getControllerOf(actual);
  return sameContent && actual.metadata.labels?.[TEAM_LABEL] === team.metadata.name && controller?.uid === team.metadata.uid;
}

/** The existing object with the desired content, label and controller reference (other owners and labels kept). */
function updated(team: Team, desired: KubeObject, actual: KubeObject): KubeObject {
  const others = (actual.metadata.ownerReferences ?? []).filter((ref) => ref.uid !== team.metadata.uid);
  return {
    ...actual,
    ...contentOf(desired),
    metadata: { ...actual.metadata, labels: { ...actual.metadata.labels, ...desired.metadata.labels }, ownerReferences: [...others, teamControllerRef(team)] },
  };
}

/**
 * The writes that bring the team's objects in step: create what is missing, update what drifted (a
 * RoleBinding whose roleRef changed is deleted and created again: roleRef is immutable), adopt an
 * object of the right name that no controller owns, and delete what the team controls but no longer
 * wants (a role without members, a namespace dropped from the spec, quota or limits removed).
 * `existing(resource, namespace, name)` reads the cache; `owned` is every cached object the team controls.
 */
export function planTeamObjects(team: Team, desired: TeamObject[], existing: (resource: TeamResource, namespace: string, name: string) => KubeObject | undefined, owned: TeamObject[]): TeamPlan {
  const writes: TeamWrite[] = [];
  const conflicts: string[] = [];
  const wanted = new Set(desired.map(({ resource, object }) => objectKey(resource, object)));
  for (const { resource, object } of desired) {
    const actual = existing(resource, object.metadata.namespace!, object.metadata.name!);
    const controller = actual && getControllerOf(actual);
    if (!actual) writes.push({ verb: 'create', resource, object });
    else if (controller && controller.uid !== team.metadata.uid) conflicts.push(`${object.metadata.namespace}/${object.metadata.name}`);
    else if (inStep(team, object, actual)) continue;
    else if (resource === 'rolebindings' && !jsonEqual(object.roleRef, actual.roleRef)) writes.push({ verb: 'delete', resource, object: actual }, { verb: 'create', resource, object });
    else writes.push({ verb: 'update', resource, object: updated(team, object, actual) });
  }
  for (const { resource, object } of owned) {
    if (!wanted.has(objectKey(resource, object))) writes.push({ verb: 'delete', resource, object });
  }
  return { writes, conflicts };
}
