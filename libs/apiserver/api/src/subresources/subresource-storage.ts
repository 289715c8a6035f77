import type { ObjectStore } from '@drydock/storage';
import { ResourceDefinition, SubresourceRest, qualifiedResource } from '@drydock/registry';
import type { IdentityServices } from '../identity/identity-services';
import type { GenericStore } from '../rest/generic-store';
import { ClusterLifecycle, ClusterResetRest } from './cluster-reset.rest';
import { ClusterRestoreRest } from './cluster-restore.rest';
import { FinalizeRest } from './namespace-finalize.rest';
import { BindingRest } from './pod-binding.rest';
import { EvictionRest } from './pod-eviction.rest';
import { LogRest } from './pod-log.rest';
import { PodStreamRest } from './pod-stream.rest';
import { ProxyRest } from './proxy.rest';
import { KubeconfigServer, UserKubeconfigRest } from './user-kubeconfig.rest';
import { UserSignInLinkRest } from './user-sign-in-link.rest';
import { UserTokensRest } from './user-tokens.rest';
import { ServiceAccountTokenRest } from './serviceaccount-token.rest';
import type { ServiceAccountKeys } from '../serviceaccount/service-account-keys';

export interface StorageDeps {
  generic: GenericStore;
  store: ObjectStore;
  kubeletToken: string;
  /** Users' credentials (users/NAME/kubeconfig and tokens); left out where a test serves no users. */
  identity?: { services: IdentityServices; server: KubeconfigServer; dashboardUrl?: string };
  serviceAccountKeys: ServiceAccountKeys;
  /** Sandbox clusters' lifecycle (reset, restore), bound once built; absent where a test serves none. */
  clusters?: () => ClusterLifecycle | undefined;
}

/**
 * The one table of subresources with their own REST objects (upstream: pkg/registry/core/pod/storage
 * builds BindingREST, EvictionREST, LogREST, ExecREST, AttachREST, PortForwardREST and ProxyREST beside
 * the pod store; the service storage its ProxyREST; the namespace storage its FinalizeREST; the ServiceAccount storage its TokenREST). Keyed by
 * qualified resource and subresource name; each must be listed in the
 * definition's `subresources.extra`.
 */
function subresourceStorage(deps: StorageDeps): Record<string, Record<string, SubresourceRest>> {
  return {
    namespaces: { finalize: new FinalizeRest(deps.generic) },
    pods: {
      binding: new BindingRest(deps.generic),
      eviction: new EvictionRest(deps.generic, deps.store),
      log: new LogRest(deps.store, deps.kubeletToken),
      exec: new PodStreamRest('exec', deps.store, deps.kubeletToken),
      attach: new PodStreamRest('attach', deps.store, deps.kubeletToken),
      portforward: new PodStreamRest('portforward', deps.store, deps.kubeletToken),
      proxy: new ProxyRest('pods', deps.store, deps.kubeletToken),
    },
    services: { proxy: new ProxyRest('services', deps.store, deps.kubeletToken) },
    serviceaccounts: { token: new ServiceAccountTokenRest(deps.store, deps.serviceAccountKeys) },
    ...(deps.identity && { 'users.drydock.dev': userStorage(deps.generic, deps.identity, deps.clusters) }),
    ...(deps.clusters && { 'clusters.drydock.dev': { reset: new ClusterResetRest(deps.generic, deps.clusters), restore: new ClusterRestoreRest(deps.generic, deps.clusters) } }),
  };
}

function userStorage(generic: GenericStore, deps: NonNullable<StorageDeps['identity']>, clusters?: StorageDeps['clusters']): Record<string, SubresourceRest> {
  const identity = deps.services;
  return {
    kubeconfig: new UserKubeconfigRest(generic, identity.tokens, deps.server, clusters),
    signinlink: new UserSignInLinkRest(generic, identity.signInLinks, deps.dashboardUrl),
    tokens: new UserTokensRest(generic, identity.tokens, () => identity.flushLastUsed(), () => identity.authenticator.invalidate()),
  };
}

/** The definitions as this API server serves them: each subresource entry with its REST object attached. */
export function withSubresourceStorage(definitions: ResourceDefinition[], deps: StorageDeps): ResourceDefinition[] {
  const table = subresourceStorage(deps);
  return definitions.map((def) => {
    const rest = table[qualifiedResource(def)];
    if (!rest) return def;
    const extra = def.subresources?.extra ?? [];
    for (const name of Object.keys(rest)) {
      if (!extra.some((entry) => entry.name === name)) throw new Error(`${qualifiedResource(def)}/${name} has storage but is not listed in its definition`);
    }
    return { ...def, subresources: { ...def.subresources, extra: extra.map((entry) => (rest[entry.name] ? { ...entry, rest: rest[entry.name] } : entry)) } };
  });
}
