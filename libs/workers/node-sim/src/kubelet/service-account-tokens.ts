import type { KubeClient } from '@drydock/client';
import { resources } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import type { TokenProjection } from './container-environment';

/** ServiceAccountTokenProjection's default expirationSeconds. */
const defaultExpirationSeconds = 3600;
/** The kubelet's token manager renews a token once 80 % of its life has passed. */
const renewAtFraction = 0.8;

interface CachedToken {
  token: Promise<string>;
  renewAt: number;
}

/**
 * The kubelet's token manager (pkg/kubelet/token): the tokens of projected serviceAccountToken volumes,
 * each a TokenRequest for the pod's ServiceAccount bound to the pod, kept until 80 % of its life has
 * passed. Drydock asks for a pod's token when its volume is first read (a shell opens it), not when
 * the pod starts, so pods nobody looks into cost the API server nothing.
 */
export class ServiceAccountTokens {
  private readonly cache = new Map<string, CachedToken>();

  constructor(
    /** The client of the pod's node (its kubelet requests the token: the Node authorizer allows it for that node's pods only). */
    private readonly kubelet: (node: string) => KubeClient,
    private readonly now: () => number = Date.now,
  ) {}

  token(pod: KubeObject, projection: TokenProjection): Promise<string> {
    const expirationSeconds = projection.expirationSeconds ?? defaultExpirationSeconds;
    const key = `${pod.metadata.uid}|${projection.audience ?? ''}|${expirationSeconds}`;
    const cached = this.cache.get(key);
    if (cached && cached.renewAt > this.now()) return cached.token;
    const entry: CachedToken = { token: this.request(pod, projection.audience, expirationSeconds), renewAt: Number.POSITIVE_INFINITY };
    this.cache.set(key, entry);
    entry.token.then(
      () => (entry.renewAt = this.now() + expirationSeconds * 1000 * renewAtFraction),
      () => this.cache.delete(key),
    );
    return entry.token;
  }

  /** The pod is gone: its tokens are dead anyway (the API server checks the bound pod's uid). */
  forget(pod: KubeObject): void {
    for (const key of this.cache.keys()) if (key.startsWith(`${pod.metadata.uid}|`)) this.cache.delete(key);
  }

  private async request(pod: KubeObject, audience: string | undefined, expirationSeconds: number): Promise<string> {
    const account = (pod.spec as { serviceAccountName?: string } | undefined)?.serviceAccountName || 'default';
    const spec = { expirationSeconds, boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: pod.metadata.name, uid: pod.metadata.uid }, ...(audience ? { audiences: [audience] } : {}) };
    const reply = await this.kubelet((pod.spec as { nodeName?: string } | undefined)?.nodeName ?? '').createSubresource(resources.serviceaccounts, pod.metadata.namespace ?? 'default', account, 'token', { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec });
    return String((reply.status as { token?: string } | undefined)?.token ?? '');
  }
}
