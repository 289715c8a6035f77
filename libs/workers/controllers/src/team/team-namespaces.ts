import type { KubeObject } from '@drydock/util';
import { Team, TEAM_LABEL } from './team.types';

/** Something that keeps a namespace of the spec from being the team's: reported in the Ready condition. */
export interface NamespaceProblem {
  reason: 'NamespaceOwnedByAnotherTeam' | 'NamespaceTerminating';
  message: string;
}

export interface NamespacePlan {
  /** Namespaces of the spec that do not exist: created, labelled for the team. */
  create: string[];
  /** Namespaces of the spec that exist without a team label: adopted (labelled). */
  adopt: string[];
  /** Namespaces labelled for the team that the spec no longer names: the label goes, the namespace stays. */
  release: string[];
  /** Namespaces whose RoleBindings, quota and limits the team keeps now. */
  kept: string[];
  problems: NamespaceProblem[];
}

/**
 * What the team's namespaces need. A namespace is never deleted by the team controller: it may hold
 * workloads that outlive a team's interest in it (upstream's caution: nothing deletes a namespace but a
 * user). A namespace labelled for another team is left to that team; a terminating one is waited for.
 * `lookup` reads the namespace cache; `labelled` are the cached namespaces labelled for this team.
 */
export function planNamespaces(team: Team, lookup: (name: string) => KubeObject | undefined, labelled: KubeObject[]): NamespacePlan {
  const name = team.metadata.name!;
  const wanted = [...new Set(team.spec?.namespaces ?? [])];
  const plan: NamespacePlan = { create: [], adopt: [], release: [], kept: [], problems: [] };
  for (const namespace of wanted) {
    const existing = lookup(namespace);
    const owner = existing?.metadata.labels?.[TEAM_LABEL];
    if (!existing) plan.create.push(namespace);
    else if (owner && owner !== name) {
      plan.problems.push({ reason: 'NamespaceOwnedByAnotherTeam', message: `namespace "${namespace}" belongs to team "${owner}"` });
      continue;
    } else if (existing.metadata.deletionTimestamp) {
      plan.problems.push({ reason: 'NamespaceTerminating', message: `namespace "${namespace}" is terminating` });
      continue;
    } else if (!owner) plan.adopt.push(namespace);
    plan.kept.push(namespace);
  }
  plan.release = labelled.map((namespace) => namespace.metadata.name!).filter((namespace) => !wanted.includes(namespace));
  return plan;
}
