import type { NamespaceProblem } from './team-namespaces';

/** What a sync found, for the team's status. */
export interface TeamStatusInput {
  kept: string[];
  problems: NamespaceProblem[];
  conflicts: string[];
  /** The first error of the sync's writes, if any. */
  failure?: string;
}
