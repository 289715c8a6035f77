import DataLoader from 'dataloader';
import { resources } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import type { CallerKube } from '../kube/caller-kube';
import type { GraphqlUser } from '../graphql-context';
import { AccessCheck, accessCheckKey, AccessDecision, deniedReason } from './access-check';

/**
 * The namespaces in which a user may list pods, for a caller who may not list namespaces. No
 * Kubernetes API answers "where may I go" (OpenShift's project list does, from its authorization
 * cache), so the API server supplies it from its namespace cache and its own authorizer.
 */
export type NamespaceDirectory = (user: GraphqlUser) => KubeObject[] | Promise<KubeObject[]>;

export interface RulesReview {
  resourceRules: { verbs: string[]; apiGroups?: string[]; resources?: string[]; resourceNames?: string[] }[];
  nonResourceRules: { verbs: string[]; nonResourceURLs?: string[] }[];
  incomplete: boolean;
  evaluationError?: string;
}

const AUTHORIZATION = '/apis/authorization.k8s.io/v1';

/**
 * What the caller may do, asked of the API server as the caller (SelfSubjectAccessReview and
 * SelfSubjectRulesReview), one per GraphQL operation: equal questions are asked once, and the
 * questions of one tick go out together (the REST API reviews one question per request, so a batch
 * is that many concurrent reviews, each one cheap: the authorizer reads memory).
 */
export class AccessReviewer {
  private readonly reviews: DataLoader<AccessCheck, AccessDecision, string>;
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(
    private readonly kube: CallerKube,
    private readonly user: GraphqlUser,
    private readonly directory?: NamespaceDirectory,
    /** Every namespace (the request's loader, so a query that lists them anyway lists them once). */
    private readonly listNamespaces: () => Promise<KubeObject[]> = async () => (await kube.list(resources.namespaces)).items,
  ) {
    this.reviews = new DataLoader((checks) => Promise.all(checks.map((check) => this.review(check).catch((error: Error) => error))), { cacheKeyFn: accessCheckKey, maxBatchSize: 200 });
  }

  can(check: AccessCheck): Promise<AccessDecision> {
    return this.reviews.load(check);
  }

  /** The caller's rules in a namespace, as `kubectl auth can-i --list -n <namespace>` shows them. */
  rules(namespace: string): Promise<RulesReview> {
    return this.remember(`rules|${namespace}`, async () => {
      const review = await this.kube.raw<{ status?: Partial<RulesReview> }>({
        method: 'POST',
        path: `${AUTHORIZATION}/selfsubjectrulesreviews`,
        body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace } },
      });
      const status = review.status ?? {};
      return { resourceRules: status.resourceRules ?? [], nonResourceRules: status.nonResourceRules ?? [], incomplete: status.incomplete ?? false, evaluationError: status.evaluationError || undefined };
    });
  }

  /** Whether the caller may list namespaces, i.e. see every namespace. */
  canListNamespaces(): Promise<boolean> {
    return this.can({ verb: 'list', resource: 'namespaces' }).then((decision) => decision.allowed);
  }

  /**
   * The namespaces the caller can reach: all of them for a caller who may list namespaces, otherwise
   * those the API server's directory says the caller may list pods in (none without a directory).
   */
  reachableNamespaces(): Promise<KubeObject[]> {
    return this.remember('reachable', async () => {
      if (await this.canListNamespaces()) return this.listNamespaces();
      return this.directory ? [...(await this.directory(this.user))] : [];
    });
  }

  private async review(check: AccessCheck): Promise<AccessDecision> {
    const review = await this.kube.raw<{ status?: { allowed?: boolean; denied?: boolean } }>({
      method: 'POST',
      path: `${AUTHORIZATION}/selfsubjectaccessreviews`,
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes: { verb: check.verb, group: check.group ?? '', resource: check.resource, subresource: check.subresource || undefined, namespace: check.namespace || undefined, name: check.name || undefined } },
      },
    });
    const allowed = review.status?.allowed === true && review.status?.denied !== true;
    return allowed ? { allowed } : { allowed, reason: deniedReason(check) };
  }

  private remember<T>(key: string, compute: () => Promise<T>): Promise<T> {
    let value = this.memo.get(key) as Promise<T> | undefined;
    if (!value) this.memo.set(key, (value = compute()));
    return value;
  }
}
