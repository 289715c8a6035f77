import { ClusterRoleAggregationReconciler } from './clusterroleaggregation/clusterrole-aggregation.reconciler';
import type { Controller, ControllerContext } from './controller-context';
import { CronJobReconciler } from './cronjob/cronjob.reconciler';
import { DaemonSetReconciler } from './daemonset/daemonset.reconciler';
import { DeploymentReconciler } from './deployment/deployment.reconciler';
import { DisruptionReconciler } from './disruption/disruption.reconciler';
import { EndpointsReconciler } from './endpoint/endpoints.reconciler';
import { EndpointSliceReconciler } from './endpointslice/endpointslice.reconciler';
import { EndpointSliceMirroringReconciler } from './endpointslicemirroring/endpointslice-mirroring.reconciler';
import { GarbageCollectorReconciler } from './garbagecollector/garbage-collector.reconciler';
import { JobReconciler } from './job/job.reconciler';
import { HorizontalPodAutoscalerReconciler } from './podautoscaler/horizontal-pod-autoscaler.reconciler';
import { NodeLifecycleReconciler } from './nodelifecycle/node-lifecycle.reconciler';
import { PodGcReconciler } from './podgc/pod-gc.reconciler';
import { replicationControllerKind, ReplicaSetReconciler } from './replicaset/replicaset.reconciler';
import { ResourceQuotaReconciler } from './resourcequota/resource-quota.reconciler';
import { ServiceLoadBalancerReconciler } from './service/service-load-balancer.reconciler';
import { IngressStatusReconciler } from './ingress/ingress-status.reconciler';
import { RootCaCertPublisherReconciler } from './serviceaccount/root-ca-cert-publisher.reconciler';
import { ServiceAccountsReconciler } from './serviceaccount/serviceaccounts.reconciler';
import { PersistentVolumeReconciler } from './volume/persistent-volume.reconciler';
import { SimulatedProvisionerReconciler } from './volume/simulated-provisioner.reconciler';
import { PvcProtectionReconciler, PvProtectionReconciler } from './volume/volume-protection.reconciler';
import { StatefulSetReconciler } from './statefulset/statefulset.reconciler';
import { TeamMembershipReconciler, TeamReconciler } from './team';
import { TtlAfterFinishedReconciler } from './ttlafterfinished/ttl-after-finished.reconciler';

/** Settings some controllers read (kube-controller-manager flags of the same meaning). */
export interface ControllerSettings {
  /** --terminated-pod-gc-threshold (default 12500). */
  terminatedPodGcThreshold: number;
  /** --node-monitor-grace-period in simulated ms (default 40 s). */
  nodeMonitorGracePeriodMs: number;
  /** DRYDOCK_LOADBALANCER_POOL: the simulated cloud's external addresses (default DEFAULT_LOADBALANCER_POOL). */
  loadBalancerPool?: string;
  /** --root-ca-file: the CA published as kube-root-ca.crt (the kubeconfig's certificate authority). */
  rootCa?: string;
}

export interface ControllerDefinition {
  /** The name as kube-controller-manager's --controllers knows it. */
  name: string;
  /**
   * The ServiceAccount in kube-system the controller runs as (--use-service-account-credentials), bound
   * to `system:controller:<account>` by the bootstrap policy (controller-policy.ts).
   */
  serviceAccount: string;
  /** Concurrent syncs (upstream's --concurrent-*-syncs defaults). */
  workers: number;
  /** Drydock's own controllers of objects that live only in the default cluster (Users, Teams). */
  defaultClusterOnly?: boolean;
  create(ctx: ControllerContext, settings: ControllerSettings): Controller;
}

/** Every controller this controller manager runs, in one list. */
export const controllerDefinitions: ControllerDefinition[] = [
  { name: 'replicaset', serviceAccount: 'replicaset-controller', workers: 5, create: (ctx) => new ReplicaSetReconciler(ctx) },
  { name: 'replicationcontroller', serviceAccount: 'replication-controller', workers: 5, create: (ctx) => new ReplicaSetReconciler(ctx, replicationControllerKind) },
  { name: 'deployment', serviceAccount: 'deployment-controller', workers: 5, create: (ctx) => new DeploymentReconciler(ctx) },
  { name: 'daemonset', serviceAccount: 'daemon-set-controller', workers: 2, create: (ctx) => new DaemonSetReconciler(ctx) },
  { name: 'statefulset', serviceAccount: 'statefulset-controller', workers: 5, create: (ctx) => new StatefulSetReconciler(ctx) },
  { name: 'garbagecollector', serviceAccount: 'generic-garbage-collector', workers: 20, create: (ctx) => new GarbageCollectorReconciler(ctx) },
  { name: 'nodelifecycle', serviceAccount: 'node-controller', workers: 1, create: (ctx, settings) => new NodeLifecycleReconciler(ctx, settings.nodeMonitorGracePeriodMs) },
  { name: 'podgc', serviceAccount: 'pod-garbage-collector', workers: 1, create: (ctx, settings) => new PodGcReconciler(ctx, settings.terminatedPodGcThreshold) },
  { name: 'disruption', serviceAccount: 'disruption-controller', workers: 5, create: (ctx) => new DisruptionReconciler(ctx) },
  { name: 'job', serviceAccount: 'job-controller', workers: 5, create: (ctx) => new JobReconciler(ctx) },
  { name: 'cronjob', serviceAccount: 'cronjob-controller', workers: 5, create: (ctx) => new CronJobReconciler(ctx) },
  { name: 'ttl-after-finished', serviceAccount: 'ttl-after-finished-controller', workers: 5, create: (ctx) => new TtlAfterFinishedReconciler(ctx) },
  { name: 'endpoint', serviceAccount: 'endpoint-controller', workers: 5, create: (ctx) => new EndpointsReconciler(ctx) },
  { name: 'endpointslice', serviceAccount: 'endpointslice-controller', workers: 5, create: (ctx) => new EndpointSliceReconciler(ctx) },
  { name: 'endpointslicemirroring', serviceAccount: 'endpointslicemirroring-controller', workers: 5, create: (ctx) => new EndpointSliceMirroringReconciler(ctx) },
  { name: 'persistentvolume-binder', serviceAccount: 'persistent-volume-binder', workers: 1, create: (ctx) => new PersistentVolumeReconciler(ctx) },
  { name: 'persistentvolume-protection', serviceAccount: 'pv-protection-controller', workers: 1, create: (ctx) => new PvProtectionReconciler(ctx) },
  { name: 'persistentvolumeclaim-protection', serviceAccount: 'pvc-protection-controller', workers: 1, create: (ctx) => new PvcProtectionReconciler(ctx) },
  { name: 'simulated-provisioner', serviceAccount: 'simulated-volume-provisioner', workers: 1, create: (ctx) => new SimulatedProvisionerReconciler(ctx) },
  { name: 'clusterrole-aggregation', serviceAccount: 'clusterrole-aggregation-controller', workers: 5, create: (ctx) => new ClusterRoleAggregationReconciler(ctx) },
  { name: 'resourcequota', serviceAccount: 'resourcequota-controller', workers: 5, create: (ctx) => new ResourceQuotaReconciler(ctx) },
  { name: 'horizontalpodautoscaling', serviceAccount: 'horizontal-pod-autoscaler', workers: 5, create: (ctx) => new HorizontalPodAutoscalerReconciler(ctx) },
  { name: 'serviceaccount', serviceAccount: 'service-account-controller', workers: 1, create: (ctx) => new ServiceAccountsReconciler(ctx) },
  { name: 'root-ca-cert-publisher', serviceAccount: 'root-ca-cert-publisher', workers: 1, create: (ctx, settings) => new RootCaCertPublisherReconciler(ctx, settings.rootCa ?? '') },
  { name: 'service-lb-controller', serviceAccount: 'service-controller', workers: 1, create: (ctx, settings) => new ServiceLoadBalancerReconciler(ctx, settings.loadBalancerPool) },
  // The simulated ingress-nginx's status sync (the add-on DRYDOCK_ADDONS=ingress-nginx, or ingress-nginx's own manifests).
  { name: 'ingress-nginx-status', serviceAccount: 'ingress-nginx', workers: 1, create: (ctx) => new IngressStatusReconciler(ctx) },
  // Drydock's own: Teams become namespaces, RoleBindings, quotas and limit ranges; Users learn their teams.
  { name: 'team', serviceAccount: 'team-controller', workers: 2, defaultClusterOnly: true, create: (ctx) => new TeamReconciler(ctx) },
  { name: 'team-membership', serviceAccount: 'team-membership-controller', workers: 2, defaultClusterOnly: true, create: (ctx) => new TeamMembershipReconciler(ctx) },
];
