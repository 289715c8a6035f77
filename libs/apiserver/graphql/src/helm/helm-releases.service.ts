import { Injectable } from '@nestjs/common';
import { ApiError, resourcePath, resources, type ResourceRef } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import type { GraphqlContext } from '../graphql-context';
import { RestMapper } from '../kube/rest-mapper.service';
import { parseManifests } from '../services/apply.service';
import { releaseOfSecret, secretOfRelease, type HelmReleaseRecord, type StoredRelease } from './helm-release.codec';

/** pkg/kube: the field manager helm's binary writes with (getManagedFieldsManager: the binary's name). */
const HELM_FIELD_MANAGER = 'helm';
/** pkg/kube ResourcePolicyAnno / KeepPolicy: a resource helm leaves in place when a release no longer renders it. */
const RESOURCE_POLICY = 'helm.sh/resource-policy';

const unixNow = () => String(Math.floor(Date.now() / 1000));

const failure = (code: number, reason: string, message: string) => ApiError.fromStatus({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, message, code }, code);
const invalid = (message: string) => failure(400, 'BadRequest', message);

/**
 * Helm releases as helm itself stores them: one Secret per revision (owner=helm, type helm.sh/release.v1),
 * read and written as the caller, so RBAC on Secrets decides who sees and who rolls back a release.
 * `rollback` repeats helm v4's pkg/action/rollback.go step by step, so `helm history` and `helm upgrade`
 * afterwards find exactly what `helm rollback` would have left.
 */
@Injectable()
export class HelmReleasesService {
  constructor(private readonly mapper: RestMapper) {}

  /** Every revision of every release in the namespace (all namespaces without one), revisions in ascending order. */
  async revisions(ctx: GraphqlContext, namespace?: string, name?: string): Promise<StoredRelease[]> {
    const labelSelector = name ? `owner=helm,name=${name}` : 'owner=helm';
    const { items } = await ctx.kube.list(resources.secrets, { namespace, labelSelector });
    return items
      .map((secret) => releaseOfSecret(secret))
      .filter((stored): stored is StoredRelease => !!stored)
      .sort((a, b) => (a.release.namespace ?? '').localeCompare(b.release.namespace ?? '') || a.release.name.localeCompare(b.release.name) || a.release.version - b.release.version);
  }

  /** The last revision of each release (what `helm list -a` shows). */
  async releases(ctx: GraphqlContext, namespace?: string): Promise<StoredRelease[]> {
    const last = new Map<string, StoredRelease>();
    for (const stored of await this.revisions(ctx, namespace)) last.set(`${stored.release.namespace}/${stored.release.name}`, stored);
    return [...last.values()];
  }

  /**
   * `helm rollback NAME [REVISION]` (revision 0: the one before the last), with the CLI's defaults: hooks are
   * not run (Drydock renders none), no wait, server-side apply when the target revision was applied so
   * (apply_method "ssa", the "auto" default), else a merge patch of the target object.
   */
  async rollback(ctx: GraphqlContext, namespace: string, name: string, revision: number): Promise<StoredRelease> {
    if (revision < 0) throw invalid('invalid release revision');
    const history = await this.revisions(ctx, namespace, name);
    const current = history.at(-1);
    if (!current) throw failure(404, 'NotFound', 'release: not found');
    const previousVersion = revision === 0 ? current.release.version - 1 : revision;
    const previous = history.find((stored) => stored.release.version === previousVersion);
    if (!previous) throw invalid(`release has no ${previousVersion} version`);

    const target: StoredRelease = {
      labels: previous.labels,
      release: {
        name,
        info: {
          first_deployed: current.release.info?.first_deployed,
          last_deployed: new Date().toISOString(),
          description: `Rollback to ${previousVersion}`,
          status: 'pending-rollback',
          rollback_revision: previousVersion,
          notes: previous.release.info?.notes,
        },
        chart: previous.release.chart,
        config: previous.release.config,
        manifest: previous.release.manifest,
        hooks: previous.release.hooks,
        version: current.release.version + 1,
        namespace: current.release.namespace ?? namespace,
        apply_method: previous.release.apply_method === 'ssa' ? 'ssa' : 'csa',
      },
    };
    await ctx.kube.post(resources.secrets, namespace, undefined, secretOfRelease(target, { createdAt: unixNow() }));
    try {
      await this.update(ctx, current.release, target.release);
    } catch (error) {
      // rollback.go: the current revision superseded, the new one failed with the reason as its description.
      const message = `Rollback "${name}" failed: ${(error as Error).message}`;
      await this.record(ctx, { ...current, release: { ...current.release, info: { ...current.release.info, status: 'superseded' } } });
      await this.record(ctx, { ...target, release: { ...target.release, info: { ...target.release.info, status: 'failed', description: message } } });
      throw error;
    }
    // "Supersede all previous deployments, see issue #2941."
    for (const stored of history.filter((each) => each.release.info?.status === 'deployed')) await this.record(ctx, { ...stored, release: { ...stored.release, info: { ...stored.release.info, status: 'superseded' } } });
    const deployed = { ...target, release: { ...target.release, info: { ...target.release.info, status: 'deployed' } } };
    await this.record(ctx, deployed);
    return deployed;
  }

  /** driver/secrets.go Update: the whole Secret replaced without a resourceVersion (an unconditional update), labelled modifiedAt. */
  private async record(ctx: GraphqlContext, stored: StoredRelease): Promise<void> {
    const secret = secretOfRelease(stored, { modifiedAt: unixNow() });
    await ctx.kube.raw({ method: 'PUT', path: resourcePath(resources.secrets, secret.metadata.namespace, secret.metadata.name), body: secret });
  }

  /**
   * pkg/kube Client.Update: each object the target renders is created or applied (labelled and annotated as
   * the release's, setMetadataVisitor), then each object the current revision rendered and the target does
   * not is deleted (background propagation) unless annotated helm.sh/resource-policy: keep.
   */
  private async update(ctx: GraphqlContext, current: HelmReleaseRecord, target: HelmReleaseRecord): Promise<void> {
    const namespace = target.namespace ?? '';
    const originals = await this.build(ctx, current.manifest ?? '', namespace);
    const targets = await this.build(ctx, target.manifest ?? '', namespace);
    const serverSide = target.apply_method === 'ssa';
    for (const { ref, object } of targets) {
      object.metadata.labels = { ...object.metadata.labels, 'app.kubernetes.io/managed-by': 'Helm' };
      object.metadata.annotations = { ...object.metadata.annotations, 'meta.helm.sh/release-name': target.name, 'meta.helm.sh/release-namespace': namespace };
      const objectNamespace = ref.namespaced ? object.metadata.namespace : undefined;
      const live = await ctx.kube.get(ref, objectNamespace, object.metadata.name!);
      if (serverSide) await ctx.kube.patch(ref, objectNamespace, object.metadata.name!, object, 'apply', { fieldManager: HELM_FIELD_MANAGER });
      else if (!live) await ctx.kube.post(ref, objectNamespace, undefined, object);
      else await ctx.kube.patch(ref, objectNamespace, object.metadata.name!, object, 'merge', { fieldManager: HELM_FIELD_MANAGER });
    }
    const kept = new Set(targets.map(({ ref, object }) => identity(ref, object)));
    for (const { ref, object } of originals) {
      if (kept.has(identity(ref, object))) continue;
      const live = await ctx.kube.get(ref, ref.namespaced ? object.metadata.namespace : undefined, object.metadata.name!);
      if (!live || live.metadata.annotations?.[RESOURCE_POLICY] === 'keep') continue;
      await ctx.kube.delete(ref, ref.namespaced ? object.metadata.namespace : undefined, object.metadata.name!, { propagationPolicy: 'Background' });
    }
  }

  /** KubeClient.Build: the manifest's documents as objects with their resources, namespaced ones defaulted to the release's namespace. */
  private async build(ctx: GraphqlContext, manifest: string, namespace: string): Promise<{ ref: ResourceRef; object: KubeObject }[]> {
    const built: { ref: ResourceRef; object: KubeObject }[] = [];
    for (const document of parseManifests(manifest)) {
      if (document.error || !document.object) throw invalid(document.error ?? 'unable to build kubernetes objects from release manifest');
      const ref = await this.mapper.resolve(ctx.kube, document.object.apiVersion!, document.object.kind!);
      const metadata = { ...document.object.metadata };
      if (ref.namespaced) metadata.namespace = metadata.namespace || namespace;
      built.push({ ref, object: { ...document.object, metadata } });
    }
    return built;
  }
}

const identity = (ref: ResourceRef, object: KubeObject) => `${ref.group}/${ref.resource}/${ref.namespaced ? object.metadata.namespace : ''}/${object.metadata.name}`;

