import { Field, Int, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from '../models/json.scalar';
import type { StoredRelease } from './helm-release.codec';

@ObjectType({ description: "One revision of a Helm release, read from helm's own release Secret (owner=helm, type helm.sh/release.v1)" })
export class HelmRelease {
  @Field() name!: string;
  @Field() namespace!: string;
  @Field(() => Int, { description: 'the revision (helm history REVISION)' }) revision!: number;
  @Field({ description: 'deployed, superseded, failed, pending-install, pending-upgrade, pending-rollback, uninstalling or uninstalled' }) status!: string;
  @Field({ description: "the chart's name (Chart.yaml name)" }) chart!: string;
  @Field({ description: "the chart's version" }) chartVersion!: string;
  @Field({ nullable: true, description: "the chart's appVersion" }) appVersion?: string;
  @Field({ nullable: true, description: 'info.last_deployed (RFC 3339): when this revision was written' }) updated?: string;
  @Field({ nullable: true, description: 'info.description: Install complete, Upgrade complete, Rollback to N, …' }) description?: string;
  @Field(() => Int, { nullable: true, description: 'the revision this one rolled back to' }) rollbackRevision?: number;
  @Field({ nullable: true, description: 'the rendered NOTES.txt' }) notes?: string;
  @Field(() => JSONScalar, { description: 'the values given to this revision (helm get values), not the chart defaults' }) values!: Record<string, unknown>;
  @Field({ description: 'the rendered manifest (helm get manifest)' }) manifest!: string;
}

export function toHelmRelease({ release }: StoredRelease): HelmRelease {
  const metadata = release.chart?.metadata ?? {};
  return {
    name: release.name,
    namespace: release.namespace ?? '',
    revision: release.version,
    status: release.info?.status ?? 'unknown',
    chart: metadata.name ?? '',
    chartVersion: metadata.version ?? '',
    appVersion: metadata.appVersion,
    updated: release.info?.last_deployed,
    description: release.info?.description,
    rollbackRevision: release.info?.rollback_revision,
    notes: release.info?.notes,
    values: release.config ?? {},
    manifest: release.manifest ?? '',
  };
}
