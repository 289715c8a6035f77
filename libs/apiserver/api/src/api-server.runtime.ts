import type { Logger } from 'pino';
import type { ResourceRegistry } from '@drydock/registry';
import { pingDatabase, prismaOnPool, type ObjectStore, type PrismaClient } from '@drydock/storage';
import type { KubeObject } from '@drydock/util';
import { defaultMaxClustersPerOwner, type ApiServerConfig } from './api-server.config';
import { builtinResources } from './builtin-resources';
import { ClusterRegistries } from './clusters/cluster-registries';
import { DEFAULT_CLUSTER } from './clusters/cluster-path';
import { ClusterSnapshotAuthorizer } from './clusters/cluster-snapshot.authorizer';
import { SandboxAccessAuthorizer } from './clusters/sandbox-access.authorizer';
import { SandboxClusters } from './clusters/sandbox-clusters';
import { PriorityAndFairness } from './http/flow-control/priority-and-fairness';
import { KubeRouter } from './http/kube-router';
import type { HealthCheck } from './http/health-checks';
import { ApiMetrics } from './http/metrics';
import { admissionPlugins } from './pipeline/admission-plugins';
import { IdentityServices } from './identity/identity-services';
import { SignInEndpoints } from './identity/sign-in.endpoints';
import { UserSelfAuthorizer } from './identity/user-self.authorizer';
import { AuditLog } from './audit/audit';
import { AuditTableSink } from './audit/audit-table.sink';
import { AdminTokenAuthenticator, parseKnownTokens, StatelessTokenCache, StaticTokenAuthenticator, UnionAuthenticator } from './pipeline/authentication';
import { Authorizer, MastersAuthorizer, UnionAuthorizer } from './pipeline/authorization';
import { RbacAuthorizer } from './pipeline/rbac/rbac.authorizer';
import { RbacIndex } from './pipeline/rbac/rbac-index';
import { NodeAuthorizer } from './pipeline/node/node.authorizer';
import { NodeGraph } from './pipeline/node/node-graph';
import { NodeTokenAuthenticator } from './pipeline/node/node-identity';
import type { UserInfo } from './rest/request-context';
import { GenericStore } from './rest/generic-store';
import { withSubresourceStorage } from './subresources/subresource-storage';
import { withMetricsStorage } from './metrics/metrics-storage';
import { withAuditStorage } from './audit/audit-event.storage';
import { ResourceHandler } from './rest/resource.handler';
import { OidcDiscovery } from './serviceaccount/oidc-discovery';
import { ServiceAccountAuthenticator } from './serviceaccount/service-account.authenticator';
import { ServiceAccountKeys } from './serviceaccount/service-account-keys';
import { openStorage, Storage } from './storage.adapter';
import { SystemLoops } from './system/system-loops';

/** What an API server reads from its data directory's PKI (security/pki.ts). */
export interface ApiServerSecrets {
  adminTokenHash: string;
  kubeletToken: string;
  caCert: string;
  /** The ServiceAccount token signing key (PEM). */
  serviceAccountKey: string;
  /** The known-tokens file's text (the components' token hashes; may be empty). */
  knownTokens?: string;
  /** The key of the kubelets' node tokens (empty: no node tokens). */
  nodeCredentialKey?: string;
}

/**
 * /readyz's checks in upstream's order and names: `etcd` and `etcd-readiness` are a round trip to
 * PostgreSQL (the store Drydock shows as etcd) within 2 s, so the server is not ready while the database
 * is unreachable; `informer-sync` is the watch cache loaded; `shutdown` fails once the server is closing.
 */
function readinessChecks(storage: Storage, runtime: () => ApiServerRuntime | undefined): HealthCheck[] {
  const ok = async () => undefined;
  const database = () => pingDatabase(storage.pool, 2000);
  return [
    { name: 'ping', check: ok },
    { name: 'log', check: ok },
    { name: 'etcd', check: database },
    { name: 'etcd-readiness', check: database },
    { name: 'informer-sync', check: async () => assert(runtime()?.ready, 'the watch cache is not loaded yet') },
    { name: 'shutdown', check: async () => assert(!runtime()?.closing, 'the server is shutting down') },
  ];
}

function assert(condition: boolean | undefined, why: string): void {
  if (!condition) throw new Error(why);
}

/** Everything one API server process holds, built in dependency order and closed in reverse. */
export class ApiServerRuntime {
  /** The watch cache is loaded and the server listens (markReady). */
  ready = false;
  /** close() has begun. */
  closing = false;

  private constructor(
    readonly storage: Storage,
    readonly registries: ClusterRegistries,
    readonly router: KubeRouter,
    private readonly loops: SystemLoops,
    private readonly sandboxes: SandboxClusters,
    private readonly rbacIndex: RbacIndex,
    private readonly flowControl: PriorityAndFairness,
    private readonly prisma: PrismaClient,
    readonly identity: IdentityServices,
    readonly auditTable: AuditTableSink,
    private readonly authorizer: Authorizer,
  ) {}

  static async start(config: ApiServerConfig, secrets: ApiServerSecrets, logger: Logger): Promise<ApiServerRuntime> {
    const began = performance.now();
    const storage = await openStorage(config, logger);
    const storageOpenedMs = performance.now() - began;
    const store: ObjectStore = storage.store;
    const prisma = prismaOnPool(storage.pool);
    const identity = new IdentityServices(prisma, storage.watch, store, logger);
    // Upstream's chain with --authorization-mode=Node,RBAC: system:masters first (the privileged group),
    // then the Node authorizer (kubelets), each user's own credentials (as the Node authorizer's own-node rules), then RBAC.
    const rbacIndex = new RbacIndex(storage.watch);
    const rbac = new RbacAuthorizer(rbacIndex);
    // Outside the default cluster, only those the cluster's bindings name (and the control plane) get that far.
    const authorizer = new SandboxAccessAuthorizer(new UnionAuthorizer([new MastersAuthorizer(), new NodeAuthorizer(new NodeGraph(storage.watch)), new UserSelfAuthorizer(), rbac, new ClusterSnapshotAuthorizer(rbac, storage.watch)]), rbacIndex);
    const admission = admissionPlugins(store, storage.watch, { authorizer, rbac }, { maxClustersPerOwner: config.maxClustersPerOwner ?? defaultMaxClustersPerOwner });
    const generic = new GenericStore(store, admission, storage.watch);
    const served = withAuditStorage(withMetricsStorage(builtinResources(), { generic, kubeletToken: secrets.kubeletToken }), prisma);
    const kubeconfigServer = { caCert: secrets.caCert, defaultServer: `https://${config.host}:${config.port}` };
    const serviceAccountKeys = new ServiceAccountKeys(secrets.serviceAccountKey);
    const lifecycle: { sandboxes?: SandboxClusters } = {};
    const storageDeps = { clusters: () => lifecycle.sandboxes, generic, store, kubeletToken: secrets.kubeletToken, serviceAccountKeys, identity: { services: identity, server: kubeconfigServer, dashboardUrl: config.dashboardUrl } };
    const registries = new ClusterRegistries(withSubresourceStorage(served, storageDeps));
    const serverUrl = `https://${config.host}:${config.port}`;
    const sandboxes = new SandboxClusters({ storage, registries, generic, rbacIndex, logger, caCert: secrets.caCert, serverUrl });
    lifecycle.sandboxes = sandboxes;
    const metrics = new ApiMetrics();
    const holder: { runtime?: ApiServerRuntime } = {};
    const flowControl = new PriorityAndFairness(config.flowControl, storage.watch, metrics.registry);
    // The admin token first, unchanged; then the components' known tokens; then users' API tokens and dashboard sessions; then ServiceAccount JWTs.
    const serviceAccounts = new ServiceAccountAuthenticator(serviceAccountKeys, store, (reason) => logger.debug({ reason }, 'invalid service account token'), storage.watch);
    const fixed = new StatelessTokenCache([new AdminTokenAuthenticator(secrets.adminTokenHash), new StaticTokenAuthenticator(parseKnownTokens(secrets.knownTokens ?? '')), new NodeTokenAuthenticator(secrets.nodeCredentialKey ?? '')]);
    const authenticator = new UnionAuthenticator([fixed, identity.authenticator, serviceAccounts]);
    const auditTable = new AuditTableSink(prisma, {
      retention: { maxAgeMs: config.auditMaxAgeMs, maxRows: config.auditMaxRows },
      onError: (error, context) => logger.warn({ err: error }, context),
    });
    const router = new KubeRouter({
      registries,
      resources: new ResourceHandler(registries, generic, authenticator, authorizer),
      clusters: sandboxes,
      authenticator,
      authorizer,
      audit: new AuditLog(logger.child({ component: 'audit' }), auditTable),
      metrics,
      logger,
      readyz: readinessChecks(storage, () => holder.runtime),
      serverAddress: `${config.host}:${config.port}`,
      signIn: new SignInEndpoints(identity),
      oidc: new OidcDiscovery(serviceAccountKeys),
      flowControl,
    });
    const loops = new SystemLoops(storage, registries, generic, logger, secrets.caCert);
    const loopsBegan = performance.now();
    await loops.startWithin();
    // Start-up phases (a restarted API server under load is slow to listen: where the time goes).
    logger.info({ storageOpenedMs: Math.round(storageOpenedMs), systemObjectsMs: Math.round(performance.now() - loopsBegan) }, 'storage and system objects ready');
    sandboxes.start();
    identity.start();
    auditTable.start();
    holder.runtime = new ApiServerRuntime(storage, registries, router, loops, sandboxes, rbacIndex, flowControl, prisma, identity, auditTable, authorizer);
    return holder.runtime;
  }

  /**
   * The namespaces of the default cluster in which `user` may list pods, from the namespace cache and
   * the authorizer: GraphQL's namespace directory for callers who may not list namespaces (the
   * dashboard's namespace pickers). It names only namespaces the user can already work in.
   */
  reachableNamespaces(user: UserInfo): KubeObject[] {
    const { items } = this.storage.watch.snapshot({ cluster: DEFAULT_CLUSTER, resource: 'namespaces' });
    const allowed = (namespace: string) => this.authorizer.authorize(user, { cluster: DEFAULT_CLUSTER, verb: 'list', group: '', version: 'v1', namespace, resource: 'pods', subresource: '', name: '' }).allowed;
    return items.filter((namespace) => allowed(namespace.metadata.name ?? '')).map((namespace) => structuredClone(namespace));
  }

  /** The resources of the default cluster (GraphQL's generated kinds). */
  get registry(): ResourceRegistry {
    return this.registries.defaultRegistry;
  }

  markReady(): void {
    this.ready = true;
  }

  async close(): Promise<void> {
    this.closing = true;
    this.loops.stop();
    this.sandboxes.stop();
    this.rbacIndex.close();
    this.flowControl.close();
    await this.identity.stop();
    await this.auditTable.stop();
    await this.prisma.$disconnect();
    await this.storage.close();
  }
}
