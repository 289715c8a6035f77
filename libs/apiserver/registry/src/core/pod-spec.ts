/**
 * Pod spec defaults and validation shared by every kind that embeds a pod template
 * (Pods, ReplicationControllers, PodTemplates, and apps/batch workloads).
 */
export { defaultPodSpec, defaultPodTemplateSpec, defaultPodOnlyFields, defaultContainer, imageTag } from './pod-spec/pod-spec-defaults';
export { validatePodSpec, validatePodTemplateSpec } from './pod-spec/pod-spec-validation';
