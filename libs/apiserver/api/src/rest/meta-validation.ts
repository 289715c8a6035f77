import type { FieldError, KubeObject } from '@drydock/util';
import type { ResourceDefinition } from '@drydock/registry';
import { NameValidator, nameIsDns1035Label, nameIsDnsLabel, nameIsDnsSubdomain, nameIsPathSegment, validateObjectMeta, validateObjectMetaUpdate } from '@drydock/registry';

/** Upstream's per-resource name rules where they differ from DNS-1123 subdomain. */
const knownNameRules: Record<string, ResourceDefinition['nameValidation']> = {
  namespaces: 'label',
  services: 'dns1035',
  'roles.rbac.authorization.k8s.io': 'pathSegment',
  'rolebindings.rbac.authorization.k8s.io': 'pathSegment',
  'clusterroles.rbac.authorization.k8s.io': 'pathSegment',
  'clusterrolebindings.rbac.authorization.k8s.io': 'pathSegment',
};

const validators: Record<NonNullable<ResourceDefinition['nameValidation']>, NameValidator> = {
  subdomain: nameIsDnsSubdomain,
  label: nameIsDnsLabel,
  dns1035: nameIsDns1035Label,
  pathSegment: nameIsPathSegment,
};

function nameValidator(def: ResourceDefinition): NameValidator {
  const qualified = def.group ? `${def.resource}.${def.group}` : def.resource;
  return validators[def.nameValidation ?? knownNameRules[qualified] ?? 'subdomain'];
}

export function validateMeta(def: ResourceDefinition, object: KubeObject): FieldError[] {
  return validateObjectMeta(object.metadata, def.namespaced, nameValidator(def));
}

export function validateMetaUpdate(def: ResourceDefinition, object: KubeObject, old: KubeObject): FieldError[] {
  return validateObjectMetaUpdate(object.metadata, old.metadata);
}
