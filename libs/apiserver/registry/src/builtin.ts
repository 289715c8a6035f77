import { apiServiceResource } from './apiregistration/apiservices/apiservice.resource';
import { customResourceDefinitionResource } from './apiextensions/customresourcedefinitions/crd.resource';
import { controllerRevisionResource } from './apps/controllerrevisions/controllerrevision.resource';
import { daemonSetResource } from './apps/daemonsets/daemonset.resource';
import { deploymentResource } from './apps/deployments/deployment.resource';
import { replicaSetResource } from './apps/replicasets/replicaset.resource';
import { statefulSetResource } from './apps/statefulsets/statefulset.resource';
import { horizontalPodAutoscalerV1Resource, horizontalPodAutoscalerV2Resource } from './autoscaling/horizontalpodautoscalers/hpa.resource';
import { cronJobResource } from './batch/cronjobs/cronjob.resource';
import { jobResource } from './batch/jobs/job.resource';
import { leaseResource } from './coordination/leases/lease.resource';
import { configMapResource } from './core/configmap/configmap.resource';
import { endpointsResource } from './core/endpoints/endpoints.resource';
import { eventResource as coreEventResource } from './core/event/event.resource';
import { limitRangeResource } from './core/limitrange/limitrange.resource';
import { namespaceResource } from './core/namespace/namespace.resource';
import { nodeResource } from './core/node/node.resource';
import { persistentVolumeResource } from './core/persistentvolume/persistentvolume.resource';
import { persistentVolumeClaimResource } from './core/persistentvolumeclaim/persistentvolumeclaim.resource';
import { podResource } from './core/pod/pod.resource';
import { podTemplateResource } from './core/podtemplate/podtemplate.resource';
import { replicationControllerResource } from './core/replicationcontroller/replicationcontroller.resource';
import { resourceQuotaResource } from './core/resourcequota/resourcequota.resource';
import { secretResource } from './core/secret/secret.resource';
import { serviceResource } from './core/service/service.resource';
import { serviceAccountResource } from './core/serviceaccount/serviceaccount.resource';
import { endpointSliceResource } from './discovery/endpointslices/endpointslice.resource';
import { auditEventResource, clusterResource, clusterSnapshotResource, teamResource, userResource } from './drydock';
import { eventResource } from './events/events/event.resource';
import { flowSchemaResource, priorityLevelConfigurationResource } from './flowcontrol';
import { ingressClassResource } from './networking/ingressclasses/ingressclass.resource';
import { ingressResource } from './networking/ingresses/ingress.resource';
import { ipAddressResource } from './networking/ipaddresses/ipaddress.resource';
import { networkPolicyResource } from './networking/networkpolicies/networkpolicy.resource';
import { serviceCidrResource } from './networking/servicecidrs/servicecidr.resource';
import { podDisruptionBudgetResource } from './policy/poddisruptionbudgets/poddisruptionbudget.resource';
import { clusterRoleBindingResource } from './rbac/clusterrolebindings/clusterrolebinding.resource';
import { clusterRoleResource } from './rbac/clusterroles/clusterrole.resource';
import { roleBindingResource } from './rbac/rolebindings/rolebinding.resource';
import { roleResource } from './rbac/roles/role.resource';
import { localSubjectAccessReviewResource } from './reviews/localsubjectaccessreview.resource';
import { selfSubjectAccessReviewResource } from './reviews/selfsubjectaccessreview.resource';
import { selfSubjectReviewResource } from './reviews/selfsubjectreview.resource';
import { selfSubjectRulesReviewResource } from './reviews/selfsubjectrulesreview.resource';
import { subjectAccessReviewResource } from './reviews/subjectaccessreview.resource';
import { tokenReviewResource } from './reviews/tokenreview.resource';
import { nodeMetricsResource, podMetricsResource } from './metrics/metrics.resources';
import { priorityClassResource } from './scheduling/priorityclasses/priorityclass.resource';
import { csiDriverResource } from './storage/csidrivers/csidriver.resource';
import { csiNodeResource } from './storage/csinodes/csinode.resource';
import { csiStorageCapacityResource } from './storage/csistoragecapacities/csistoragecapacity.resource';
import { storageClassResource } from './storage/storageclasses/storageclass.resource';
import { volumeAttachmentResource } from './storage/volumeattachments/volumeattachment.resource';
import { volumeAttributesClassResource } from './storage/volumeattributesclasses/volumeattributesclass.resource';
import type { ResourceDefinition } from './resource.types';

/**
 * The one table of built-in resources: every kind's definition (its `<kind>.resource.ts`, beside its
 * strategy), in upstream's discovery order: core/v1 alphabetically by resource, then the groups in the
 * order kube-apiserver serves them, then the reviews, then Drydock's own group (drydock.dev: clusters, users and teams,
 * served after upstream's groups as an aggregated API would be). Discovery, OpenAPI, routing, printing and GraphQL
 * order kube-apiserver serves them, then the reviews, then metrics.k8s.io (an aggregated API upstream,
 * which discovery lists after the built-in groups). Discovery, OpenAPI, routing, printing and GraphQL
 * read it through the ResourceRegistry; custom resources join at run time (customResourceDefinitionResources).
 */
const builtinTable: readonly ResourceDefinition[] = [
  configMapResource,
  endpointsResource,
  coreEventResource,
  limitRangeResource,
  namespaceResource,
  nodeResource,
  persistentVolumeClaimResource,
  persistentVolumeResource,
  podResource,
  podTemplateResource,
  replicationControllerResource,
  resourceQuotaResource,
  secretResource,
  serviceAccountResource,
  serviceResource,
  apiServiceResource,
  controllerRevisionResource,
  daemonSetResource,
  deploymentResource,
  replicaSetResource,
  statefulSetResource,
  eventResource,
  horizontalPodAutoscalerV2Resource,
  horizontalPodAutoscalerV1Resource,
  cronJobResource,
  jobResource,
  ingressClassResource,
  ingressResource,
  ipAddressResource,
  networkPolicyResource,
  serviceCidrResource,
  podDisruptionBudgetResource,
  clusterRoleBindingResource,
  clusterRoleResource,
  roleBindingResource,
  roleResource,
  csiDriverResource,
  csiNodeResource,
  csiStorageCapacityResource,
  storageClassResource,
  volumeAttachmentResource,
  volumeAttributesClassResource,
  customResourceDefinitionResource,
  priorityClassResource,
  leaseResource,
  endpointSliceResource,
  flowSchemaResource,
  priorityLevelConfigurationResource,
  selfSubjectReviewResource,
  tokenReviewResource,
  localSubjectAccessReviewResource,
  selfSubjectAccessReviewResource,
  selfSubjectRulesReviewResource,
  subjectAccessReviewResource,
  clusterResource,
  clusterSnapshotResource,
  teamResource,
  userResource,
  auditEventResource,
  nodeMetricsResource,
  podMetricsResource,
];

/** Every built-in resource (a fresh array: callers may not reorder the table). */
export function builtinResources(): ResourceDefinition[] {
  return [...builtinTable];
}
