import { Injectable } from '@nestjs/common';
import { ApiError, ResourceRef } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import { parseAllDocuments } from 'yaml';
import type { GraphqlContext } from '../graphql-context';
import { RestMapper } from '../kube/rest-mapper.service';
import { FIELD_MANAGER } from '../kube/caller-kube';
import { editableView, obj, str } from '../presenters/kube-fields';
import { toYaml, unifiedDiff } from '../presenters/revision.presenter';

export interface ApplyObjectOutcome {
  index: number;
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  action: 'created' | 'configured' | 'unchanged' | 'error' | 'skipped';
  error?: string;
  diff?: string;
  object?: Record<string, unknown>;
}

export interface ApplyOutcome {
  dryRun: boolean;
  ok: boolean;
  results: ApplyObjectOutcome[];
}

interface ParsedDocument {
  index: number;
  object?: KubeObject;
  ref?: ResourceRef;
  error?: string;
}

/** One document of a multi-document YAML: its JSON, or why it cannot be applied. */
export function parseManifests(text: string): { index: number; object?: KubeObject; error?: string }[] {
  const documents = parseAllDocuments(text);
  const list = Array.isArray(documents) ? documents : [documents];
  const parsed: { index: number; object?: KubeObject; error?: string }[] = [];
  list.forEach((document, index) => {
    if (document.errors.length > 0) return parsed.push({ index, error: `error parsing YAML document ${index + 1}: ${document.errors[0].message}` });
    // An alias of an anchor not set before it (`*a`) parses without errors and fails only here (fuzzing found it).
    let value: unknown;
    try {
      value = document.toJS() as unknown;
    } catch (error) {
      return parsed.push({ index, error: `error parsing YAML document ${index + 1}: ${(error as Error).message}` });
    }
    if (value === null || value === undefined) return;
    const object = obj(value) as unknown as KubeObject;
    if (value !== object) return parsed.push({ index, error: `document ${index + 1} is not an object` });
    if (!str(object.apiVersion)) return parsed.push({ index, object, error: `error validating document ${index + 1}: apiVersion not set` });
    if (!str(object.kind)) return parsed.push({ index, object, error: `error validating document ${index + 1}: kind not set` });
    if (!str(obj(object.metadata).name)) return parsed.push({ index, object, error: `error validating document ${index + 1}: ${object.kind}: metadata.name is required` });
    parsed.push({ index, object });
  });
  return parsed;
}

/** What a diff shows of an object: what the user wrote and the server defaulted, not status or bookkeeping. */
export const diffYaml = (object: KubeObject | null | undefined): string => (object ? toYaml(editableView(object)) : '');

const sameContent = (a: KubeObject, b: KubeObject) => diffYaml(a) === diffYaml(b);

/**
 * kubectl apply of a multi-document YAML, as server-side apply (fieldManager drydock-dashboard,
 * force) through the REST pipeline as the caller. Every document is first applied with dryRun=All;
 * only when all of them pass is anything written (so a bad document leaves nothing half-applied),
 * in document order. A Namespace created earlier in the same YAML counts as existing for the dry run.
 */
@Injectable()
export class ApplyService {
  constructor(private readonly discovery: RestMapper) {}

  async apply(ctx: GraphqlContext, yaml: string, dryRun: boolean, defaultNamespace: string): Promise<ApplyOutcome> {
    const documents: ParsedDocument[] = parseManifests(yaml);
    for (const document of documents) {
      if (document.error || !document.object) continue;
      try {
        document.ref = await this.discovery.resolve(ctx.kube, document.object.apiVersion!, document.object.kind!);
        const metadata = { ...document.object.metadata };
        if (document.ref.namespaced) metadata.namespace = metadata.namespace || defaultNamespace;
        else delete metadata.namespace;
        document.object = { ...document.object, metadata };
      } catch (error) {
        document.error = (error as Error).message;
      }
    }
    const createdNamespaces = new Set<string>();
    const results: ApplyObjectOutcome[] = [];
    for (const document of documents) {
      if (document.error || !document.ref) {
        results.push({ ...describe(document), action: 'error', error: document.error });
        continue;
      }
      const outcome = await this.applyOne(ctx, document, true, createdNamespaces);
      if (document.ref.kind === 'Namespace' && document.ref.group === '') createdNamespaces.add(document.object!.metadata.name!);
      results.push(outcome);
    }
    const failed = results.filter((r) => r.action === 'error');
    if (dryRun) return { dryRun, ok: failed.length === 0, results };
    if (failed.length > 0) {
      const which = failed.map((r) => r.index + 1).join(', ');
      return { dryRun, ok: false, results: results.map((r) => (r.action === 'error' ? r : { ...r, action: 'skipped', error: `not applied: document ${which} failed`, diff: undefined, object: undefined })) };
    }
    const applied: ApplyObjectOutcome[] = [];
    for (const document of documents) applied.push(await this.applyOne(ctx, document, false, new Set()));
    return { dryRun, ok: applied.every((r) => r.action !== 'error'), results: applied };
  }

  private async applyOne(ctx: GraphqlContext, document: ParsedDocument, dryRun: boolean, createdNamespaces: Set<string>): Promise<ApplyObjectOutcome> {
    const object = document.object!;
    const ref = document.ref!;
    const namespace = ref.namespaced ? object.metadata.namespace : undefined;
    const name = object.metadata.name!;
    try {
      const live = namespace && createdNamespaces.has(namespace) ? null : await ctx.kube.get(ref, namespace, name);
      if (namespace && createdNamespaces.has(namespace)) {
        // The namespace comes from an earlier document of this YAML: the dry run cannot see it yet.
        return { ...describe(document), action: 'created', diff: unifiedDiff('live', 'applied', '', diffYaml(object)), object };
      }
      const result = await ctx.kube.patch<KubeObject>(ref, namespace, name, object, 'apply', { fieldManager: FIELD_MANAGER, force: true, dryRun });
      const action = !live ? 'created' : sameContent(live, result) ? 'unchanged' : 'configured';
      return { ...describe(document), action, diff: unifiedDiff('live', 'applied', diffYaml(live), diffYaml(result)), object: result };
    } catch (error) {
      return { ...describe(document), action: 'error', error: error instanceof ApiError ? `${error.reason}: ${error.message}` : (error as Error).message };
    }
  }
}

function describe(document: { index: number; object?: KubeObject }): ApplyObjectOutcome {
  const object = document.object;
  return { index: document.index, apiVersion: str(object?.apiVersion), kind: str(object?.kind), namespace: str(obj(object?.metadata).namespace), name: str(obj(object?.metadata).name), action: 'error' };
}
