export { defaultPodSpec, defaultPodTemplateSpec, defaultPodOnlyFields, defaultContainer, imageTag, validatePodSpec, validatePodTemplateSpec } from './pod-spec';
export { defaultIpFamilies, keepAllocatedValues, needsClusterIP, needsNodePorts } from './service/service-defaults';
