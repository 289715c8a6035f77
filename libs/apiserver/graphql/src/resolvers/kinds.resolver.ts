import { Inject } from '@nestjs/common';
import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { resourcePath } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import { modelNameForKind } from '@drydock/openapi';
import type { GraphqlContext } from '../graphql-context';
import { lowerFirst, typeNameOfModel } from '../kinds/kind-names';
import { LiveSchema } from '../kinds/live-schema';
import { KubeKind, KubeTable } from '../models/kind.model';
import { JSONScalar } from '../models/json.scalar';
import { FIELD_MANAGER } from '../kube/caller-kube';
import { HIDDEN_VALUE, withoutSecretValues } from '../presenters/secret.presenter';

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io';
const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

interface TableBody {
  columnDefinitions?: { name: string; type: string; format?: string; description?: string; priority?: number }[];
  rows?: { cells?: unknown[]; object?: { metadata?: { name?: string; namespace?: string } } }[];
  metadata?: { continue?: string };
}

/** The dashboard's generic pages: the served kinds, a kind's Table (kubectl get's columns) and one object, each read as the caller. */
@Resolver()
export class KindsResolver {
  constructor(@Inject(LiveSchema) private readonly live: LiveSchema) {}

  @Query(() => [KubeKind], { description: 'Every served kind (built-in and CRD versions), for the kinds index.' })
  kinds(): KubeKind[] {
    return this.live.servedKinds().map((resource) => {
      // CRD versions carry their model's name too (customResourceModelName), so every served kind has one.
      const model = resource.model ?? modelNameForKind({ group: resource.group, version: resource.version, kind: resource.kind }) ?? '';
      const definition = resource as typeof resource & { shortNames?: string[]; categories?: string[] };
      return { group: resource.group, version: resource.version, kind: resource.kind, resource: resource.resource, namespaced: resource.namespaced, verbs: resource.verbs ?? ALL_VERBS, shortNames: definition.shortNames ?? [], categories: definition.categories ?? [], getField: model ? lowerFirst(typeNameOfModel(model)) : '' };
    });
  }

  @Query(() => KubeTable, { description: 'A list of a kind as its Table (the printer columns kubectl shows), as the caller.' })
  async kindTable(
    @Context() ctx: GraphqlContext,
    @Args('group') group: string,
    @Args('version') version: string,
    @Args('resource') resource: string,
    @Args('namespace', { nullable: true }) namespace?: string,
    @Args('labelSelector', { nullable: true }) labelSelector?: string,
    @Args('limit', { type: () => Int, nullable: true }) limit?: number,
    @Args('continue', { nullable: true }) continueToken?: string,
  ): Promise<KubeTable> {
    const ref = { group, version, resource, kind: '', namespaced: Boolean(namespace) };
    const table = await ctx.kube.raw<TableBody>({ method: 'GET', path: resourcePath(ref, namespace || undefined), accept: TABLE, query: { labelSelector, limit, continue: continueToken } });
    return {
      columns: (table.columnDefinitions ?? []).map((column) => ({ name: column.name, type: column.type, format: column.format ?? '', description: column.description ?? '', priority: column.priority ?? 0 })),
      rows: (table.rows ?? []).map((row) => ({ cells: row.cells ?? [], name: row.object?.metadata?.name ?? '', namespace: row.object?.metadata?.namespace })),
      continue: table.metadata?.continue || undefined,
    };
  }

  @Query(() => JSONScalar, { description: 'One object of any kind as the API returns it (for its YAML), as the caller.' })
  async kindObject(
    @Context() ctx: GraphqlContext,
    @Args('group') group: string,
    @Args('version') version: string,
    @Args('resource') resource: string,
    @Args('name') name: string,
    @Args('namespace', { nullable: true }) namespace?: string,
    @Args('hideSecretValues', { nullable: true, description: `true: a Secret's data and stringData values, and kubectl apply's last-applied-configuration annotation that holds them, come back as ${HIDDEN_VALUE} (the keys kept): the answer never carries them. A page reads a Secret so, and its values only when the user asks (a separate read the audit log records).` })
    hideSecretValues?: boolean,
  ): Promise<KubeObject> {
    const object = await ctx.kube.read({ group, version, resource, kind: '', namespaced: Boolean(namespace) }, namespace || undefined, name);
    return hideSecretValues ? withoutSecretValues(object) : object;
  }

  @Mutation(() => JSONScalar, {
    description:
      "PUT of one object of any kind with its body as the API's JSON (kubectl's field names, e.g. a CRD's `x-kubernetes-preserve-unknown-fields`, which the typed `replace…` inputs must rename), as the caller: the YAML editor's save and server dry run. A stale metadata.resourceVersion gets 409 Conflict.",
  })
  kindReplace(
    @Context() ctx: GraphqlContext,
    @Args('group') group: string,
    @Args('version') version: string,
    @Args('resource') resource: string,
    @Args('name') name: string,
    @Args('body', { type: () => JSONScalar }) body: Record<string, unknown>,
    @Args('namespace', { nullable: true }) namespace?: string,
    @Args('dryRun', { nullable: true }) dryRun?: boolean,
  ): Promise<KubeObject> {
    const ref = { group, version, resource, kind: '', namespaced: Boolean(namespace) };
    return ctx.kube.raw<KubeObject>({ method: 'PUT', path: resourcePath(ref, namespace || undefined, name), body, query: { dryRun: dryRun ? 'All' : undefined, fieldManager: FIELD_MANAGER } });
  }
}
