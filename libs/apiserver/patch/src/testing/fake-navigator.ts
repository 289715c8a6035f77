import { FieldSchema, SchemaNavigator } from '../schema/schema-navigator';

/** A tiny navigator over the few upstream models the patch tests use. Test-only. */
const string: FieldSchema = { kind: 'primitive', type: 'string' };
const integer: FieldSchema = { kind: 'primitive', type: 'integer', format: 'int32' };
const boolean: FieldSchema = { kind: 'primitive', type: 'boolean' };
const object = (model: string): FieldSchema => ({ kind: 'object', model: `io.k8s.api.${model}` });
const meta = (model: string): FieldSchema => ({ kind: 'object', model: `io.k8s.apimachinery.pkg.apis.meta.v1.${model}` });
const list = (items: FieldSchema): FieldSchema => ({ kind: 'array', items });
const stringMap: FieldSchema = { kind: 'map', values: string };

const models: Record<string, Record<string, FieldSchema>> = {
  'io.k8s.api.apps.v1.Deployment': { apiVersion: string, kind: string, metadata: meta('ObjectMeta'), spec: object('apps.v1.DeploymentSpec') },
  'io.k8s.api.apps.v1.DeploymentSpec': {
    replicas: integer, paused: boolean, selector: meta('LabelSelector'), template: object('core.v1.PodTemplateSpec'), strategy: object('apps.v1.DeploymentStrategy'),
  },
  'io.k8s.api.apps.v1.DeploymentStrategy': { type: string, rollingUpdate: object('apps.v1.RollingUpdateDeployment') },
  'io.k8s.api.apps.v1.RollingUpdateDeployment': { maxSurge: string, maxUnavailable: string },
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector': { matchLabels: stringMap },
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': {
    name: string, namespace: string, labels: stringMap, annotations: stringMap, finalizers: list(string), ownerReferences: list(meta('OwnerReference')),
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference': { uid: string, name: string, kind: string },
  'io.k8s.api.core.v1.PodTemplateSpec': { metadata: meta('ObjectMeta'), spec: object('core.v1.PodSpec') },
  'io.k8s.api.core.v1.PodSpec': {
    containers: list(object('core.v1.Container')), initContainers: list(object('core.v1.Container')), volumes: list(object('core.v1.Volume')),
    tolerations: list(object('core.v1.Toleration')), nodeSelector: stringMap,
  },
  'io.k8s.api.core.v1.Container': {
    name: string, image: string, env: list(object('core.v1.EnvVar')), ports: list(object('core.v1.ContainerPort')), args: list(string),
  },
  'io.k8s.api.core.v1.EnvVar': { name: string, value: string },
  'io.k8s.api.core.v1.ContainerPort': { containerPort: integer, protocol: string, name: string },
  'io.k8s.api.core.v1.Volume': { name: string, emptyDir: object('core.v1.EmptyDirVolumeSource'), configMap: object('core.v1.ConfigMapVolumeSource') },
  'io.k8s.api.core.v1.EmptyDirVolumeSource': { medium: string },
  'io.k8s.api.core.v1.ConfigMapVolumeSource': { name: string },
  'io.k8s.api.core.v1.Toleration': { key: string, operator: string, effect: string },
  'io.k8s.api.core.v1.Service': { apiVersion: string, kind: string, metadata: meta('ObjectMeta'), spec: object('core.v1.ServiceSpec') },
  'io.k8s.api.core.v1.ServiceSpec': { ports: list(object('core.v1.ServicePort')), selector: stringMap, type: string },
  'io.k8s.api.core.v1.ServicePort': { port: integer, targetPort: integer, protocol: string, name: string },
  'io.k8s.api.core.v1.Node': { apiVersion: string, kind: string, metadata: meta('ObjectMeta'), spec: object('core.v1.NodeSpec') },
  'io.k8s.api.core.v1.NodeSpec': { unschedulable: boolean, taints: list(object('core.v1.Taint')) },
  'io.k8s.api.core.v1.Taint': { key: string, value: string, effect: string },
};

export const fakeNavigator: SchemaNavigator = {
  fieldSchema: (modelName, fieldName) => models[modelName]?.[fieldName],
};
