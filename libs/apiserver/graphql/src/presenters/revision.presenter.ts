import { isOwnedBy } from '@drydock/kube';
import type { KubeObject } from '@drydock/util';
import { createTwoFilesPatch } from 'diff';
import { stringify } from 'yaml';
import { obj } from './kube-fields';
import { imagesOf, revisionOf } from './workload.presenter';

export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';

export interface RevisionView {
  revision: number;
  replicaSet: string;
  createdAt?: string;
  changeCause?: string;
  images: string[];
  current: boolean;
  template: Record<string, unknown>;
  templateYaml: string;
  diff: string;
}

/** A ReplicaSet's pod template as a revision of its Deployment: without the pod-template-hash label. */
export function revisionTemplate(rs: KubeObject): Record<string, unknown> {
  const template = structuredClone(obj(obj(rs.spec).template));
  const metadata = obj(template.metadata);
  const labels = { ...obj(metadata.labels) };
  delete labels['pod-template-hash'];
  template.metadata = { ...metadata, labels };
  return template;
}

export function toYaml(value: unknown): string {
  return stringify(value, { sortMapEntries: true });
}

/** Unified diff of two YAML texts (empty when equal). */
export function unifiedDiff(oldName: string, newName: string, before: string, after: string): string {
  if (before === after) return '';
  return createTwoFilesPatch(oldName, newName, before, after, '', '', { context: 3 }).replace(/^=+\n/, '');
}

/** A Deployment's revisions, oldest first, each with the diff of its template against the previous one. */
export function rolloutHistory(deployment: KubeObject, replicaSets: KubeObject[]): RevisionView[] {
  const owned = replicaSets.filter((rs) => isOwnedBy(rs, deployment) && revisionOf(rs) !== undefined);
  owned.sort((a, b) => revisionOf(a)! - revisionOf(b)!);
  const current = revisionOf(deployment);
  let previousYaml = '';
  return owned.map((rs, index) => {
    const template = revisionTemplate(rs);
    const templateYaml = toYaml(template);
    const revision = revisionOf(rs)!;
    const diff = index === 0 ? '' : unifiedDiff(`revision ${revisionOf(owned[index - 1])}`, `revision ${revision}`, previousYaml, templateYaml);
    previousYaml = templateYaml;
    return {
      revision,
      replicaSet: rs.metadata.name ?? '',
      createdAt: rs.metadata.creationTimestamp,
      changeCause: rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION],
      images: imagesOf('ReplicaSet', rs),
      current: current !== undefined && revision === current,
      template,
      templateYaml,
      diff,
    };
  });
}
