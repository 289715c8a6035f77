export { defaultPodSpec, defaultPodTemplateSpec, defaultPodOnlyFields, defaultContainer, imageTag, validatePodSpec, validatePodTemplateSpec } from './pod-spec';
export { podQosClass } from './pod/pod-qos';
export { defaultIpFamilies, keepAllocatedValues, needsClusterIP, needsNodePorts } from './service/service-defaults';
