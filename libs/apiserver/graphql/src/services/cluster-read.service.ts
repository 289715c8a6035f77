import { Injectable } from '@nestjs/common';
import { isForbidden, ResourceRef, resources } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import type { GraphqlContext } from '../graphql-context';
import { WORKLOAD_KINDS, WorkloadKindName, workloadResources } from '../kube/kube-kinds';
import { byNewest, EventView, presentEvent } from '../presenters/event.presenter';
import { clusterSummary, SummaryView } from '../presenters/summary.presenter';
import { rolloutHistory, RevisionView } from '../presenters/revision.presenter';
import { podStatusColumn } from '../presenters/pod.presenter';
import type { EventFilter } from '../models/event.model';

export interface PodQuery {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  search?: string;
}

const matchesSearch = (search: string | undefined, ...values: (string | undefined)[]) => !search || values.some((value) => value?.toLowerCase().includes(search.toLowerCase()));

/** The read side of the graph: every list goes through the request's loader, as the caller. */
@Injectable()
export class ClusterReadService {
  /** The summary of what the caller can see; the resources RBAC keeps from them are counted as empty and named in `forbidden`. */
  async summary(ctx: GraphqlContext, problemLimit: number): Promise<SummaryView & { forbidden: string[] }> {
    ctx.loader.widen();
    const forbidden: string[] = [];
    const visible = (ref: ResourceRef) => ctx.loader.list(ref).catch((error) => (isForbidden(error) ? (forbidden.push(ref.resource), []) : Promise.reject(error)));
    // Every event, not `fieldSelector=type=Warning`: the API server would compute the selectable fields of each
    // event in one blocking task on every refetch, while a whole list from its watch cache is handed over as
    // its objects (KubeApiClient.list).
    const [nodes, pods, events, namespaces] = await Promise.all([visible(resources.nodes), visible(resources.pods), visible(resources.events), ctx.access.reachableNamespaces()]);
    const summary = clusterSummary({ nodes, pods, namespaces: namespaces.length, events, now: new Date() });
    return { ...summary, problems: summary.problems.slice(0, Math.max(0, problemLimit)), forbidden: forbidden.sort() };
  }

  async pods(ctx: GraphqlContext, query: PodQuery): Promise<KubeObject[]> {
    if (!query.namespace) ctx.loader.widen();
    const items = query.labelSelector || query.fieldSelector ? (await ctx.kube.list(resources.pods, query)).items : await ctx.loader.list(resources.pods, query.namespace);
    return items.filter((pod) => matchesSearch(query.search, pod.metadata.name, pod.metadata.namespace, (pod.spec as { nodeName?: string } | undefined)?.nodeName, podStatusColumn(pod)));
  }

  async workloads(ctx: GraphqlContext, query: { kind?: WorkloadKindName; namespace?: string; labelSelector?: string; search?: string }): Promise<{ kind: WorkloadKindName; object: KubeObject }[]> {
    if (!query.namespace) ctx.loader.widen();
    const kinds = query.kind ? [query.kind] : [...WORKLOAD_KINDS];
    const lists = await Promise.all(
      kinds.map(async (kind) => {
        const ref = workloadResources[kind];
        const items = query.labelSelector ? (await ctx.kube.list(ref, { namespace: query.namespace, labelSelector: query.labelSelector })).items : await ctx.loader.list(ref, query.namespace);
        return items.filter((object) => matchesSearch(query.search, object.metadata.name, object.metadata.namespace)).map((object) => ({ kind, object }));
      }),
    );
    return lists.flat();
  }

  /** Events newest first, filtered as EventFilter says; with includeRelated and a workload's kind+name, its children's and pods' too. */
  async events(ctx: GraphqlContext, filter: EventFilter = {}): Promise<EventView[]> {
    if (!filter.namespace) ctx.loader.widen();
    let uids: Set<string> | undefined = filter.uid ? new Set([filter.uid]) : undefined;
    if (filter.includeRelated && filter.kind && filter.name && filter.namespace && (WORKLOAD_KINDS as readonly string[]).includes(filter.kind)) {
      const kind = filter.kind as WorkloadKindName;
      const workload = (await ctx.loader.list(workloadResources[kind], filter.namespace)).find((w) => w.metadata.name === filter.name);
      uids = new Set<string>();
      if (workload) {
        uids.add(workload.metadata.uid ?? '');
        for (const child of await ctx.loader.childrenOf(kind, workload)) uids.add(child.object.metadata.uid ?? '');
        for (const pod of await ctx.loader.podsOf(kind, workload)) uids.add(pod.metadata.uid ?? '');
      }
    }
    const related = uids !== undefined && filter.includeRelated;
    const since = filter.since ? Date.parse(filter.since) : undefined;
    const events = (await ctx.loader.list(resources.events, filter.namespace))
      .map(presentEvent)
      .filter((e) => {
        const involved = e.involvedObject;
        if (uids && !uids.has(involved.uid ?? '')) return false;
        if (!related && filter.kind && involved.kind !== filter.kind) return false;
        if (!related && filter.name && involved.name !== filter.name) return false;
        if (filter.type && e.type !== filter.type) return false;
        if (filter.reason && e.reason !== filter.reason) return false;
        if (since !== undefined && !Number.isNaN(since) && Date.parse(e.lastTimestamp ?? '') < since) return false;
        return true;
      })
      .sort(byNewest);
    return filter.limit !== undefined && filter.limit >= 0 ? events.slice(0, filter.limit) : events;
  }

  async eventsAbout(ctx: GraphqlContext, uids: Set<string>, namespace: string | undefined): Promise<EventView[]> {
    return (await ctx.loader.eventsFor(uids, namespace)).map(presentEvent).sort(byNewest);
  }

  async history(ctx: GraphqlContext, deployment: KubeObject): Promise<RevisionView[]> {
    return rolloutHistory(deployment, await ctx.loader.list(resources.replicasets, deployment.metadata.namespace));
  }

  async rolloutHistory(ctx: GraphqlContext, namespace: string, name: string): Promise<RevisionView[]> {
    const deployment = await ctx.kube.read(resources.deployments, namespace, name);
    return this.history(ctx, { ...deployment, kind: 'Deployment' });
  }
}
