import { FieldError, fieldErrors, isPlainObject } from '@drydock/util';
import { validateLabels, validateAnnotations } from '../../meta/object-meta-validation';
import { inclusiveRangeError, isDns1123Label, isDns1123Subdomain, isQualifiedName } from '@drydock/kube';
import { validateContainerCommon, validateContainerProbes } from './container-validation';
import { validateVolumes } from './volume-validation';
import { invalidEach, validateEnum } from '../../support/field-errors';
import { Json, records, text } from '../../support/object-fields';

function validateContainers(spec: Json, volumeNames: Set<string>, path: string): FieldError[] {
  const containers = records(spec.containers);
  if (containers.length === 0) return [fieldErrors.required(path)];
  const errors: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((container, i) => {
    const at = `${path}[${i}]`;
    errors.push(...validateContainerCommon(container, volumeNames, at));
    const name = text(container.name);
    if (names.has(name)) errors.push(fieldErrors.duplicate(`${at}.name`, name));
    else names.add(name);
    errors.push(...validateContainerProbes(container, at));
    if (container.restartPolicy !== undefined) errors.push(fieldErrors.forbidden(`${at}.restartPolicy`, 'may not be set for non-init containers'));
  });
  return errors;
}

function validateInitContainers(spec: Json, volumeNames: Set<string>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set(records(spec.containers).map((c) => text(c.name)));
  records(spec.initContainers).forEach((container, i) => {
    const at = `${path}[${i}]`;
    errors.push(...validateContainerCommon(container, volumeNames, at));
    const name = text(container.name);
    if (names.has(name)) errors.push(fieldErrors.duplicate(`${at}.name`, name));
    else names.add(name);
    const sidecar = container.restartPolicy === 'Always';
    if (container.restartPolicy !== undefined && !sidecar) errors.push(fieldErrors.notSupported(`${at}.restartPolicy`, container.restartPolicy, ['Always']));
    if (sidecar) errors.push(...validateContainerProbes(container, at));
    else {
      for (const key of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (container[key] !== undefined) errors.push(fieldErrors.forbidden(`${at}.${key}`, `may not be set for init containers without restartPolicy=Always`));
      }
    }
  });
  return errors;
}

/** validatePodHostNetworkDeps: with hostNetwork a set hostPort must equal the containerPort. */
function validateHostNetworkPorts(spec: Json, path: string): FieldError[] {
  if (spec.hostNetwork !== true) return [];
  return records(spec.containers).flatMap((container, i) =>
    records(container.ports)
      .map((port, j) => ({ port, at: `${path}.containers[${i}].ports[${j}].hostPort` }))
      .filter(({ port }) => port.hostPort && port.hostPort !== port.containerPort)
      .map(({ port, at }) => fieldErrors.invalid(at, port.hostPort, 'must match `containerPort` when `hostNetwork` is true')),
  );
}

function validateTolerations(tolerations: unknown, path: string): FieldError[] {
  const errors: FieldError[] = [];
  records(tolerations).forEach((toleration, i) => {
    const at = `${path}[${i}]`;
    const key = text(toleration.key);
    const operator = text(toleration.operator);
    if (key) errors.push(...invalidEach(`${at}.key`, key, isQualifiedName(key)));
    if (!key && operator !== 'Exists') {
      errors.push(fieldErrors.invalid(`${at}.operator`, operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (toleration.tolerationSeconds !== undefined && toleration.effect !== 'NoExecute') {
      errors.push(fieldErrors.invalid(`${at}.effect`, text(toleration.effect), "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (operator === 'Exists' && text(toleration.value)) {
      errors.push(fieldErrors.invalid(`${at}.operator`, text(toleration.value), "value must be empty when `operator` is 'Exists'"));
    } else if (operator && operator !== 'Equal' && operator !== 'Exists') {
      errors.push(fieldErrors.notSupported(`${at}.operator`, operator, ['Equal', 'Exists']));
    }
    if (text(toleration.effect)) {
      const supported = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
      if (!supported.includes(text(toleration.effect))) errors.push(fieldErrors.notSupported(`${at}.effect`, toleration.effect, supported));
    }
  });
  return errors;
}

function validateDnsPolicy(spec: Json, path: string): FieldError[] {
  const errors = validateEnum(spec.dnsPolicy, ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'], `${path}.dnsPolicy`);
  if (spec.dnsPolicy === 'None' && !isPlainObject(spec.dnsConfig)) {
    errors.push(fieldErrors.required(`${path}.dnsConfig`, 'must provide `dnsConfig` when `dnsPolicy` is None'));
  }
  return errors;
}

function validateNames(spec: Json, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const subdomains = ['serviceAccountName', 'nodeName'];
  for (const key of subdomains) if (text(spec[key])) errors.push(...invalidEach(`${path}.${key}`, spec[key], isDns1123Subdomain(text(spec[key]))));
  for (const key of ['hostname', 'subdomain']) if (text(spec[key])) errors.push(...invalidEach(`${path}.${key}`, spec[key], isDns1123Label(text(spec[key]))));
  if (text(spec.priorityClassName)) errors.push(...invalidEach(`${path}.priorityClassName`, spec.priorityClassName, isDns1123Subdomain(text(spec.priorityClassName))));
  return errors;
}

/**
 * ValidatePodSpec: every field error of a pod spec, with paths below `path` (`spec`,
 * `spec.template.spec`...). Never mutates.
 */
export function validatePodSpec(spec: Json | undefined, path: string): FieldError[] {
  const podSpec = isPlainObject(spec) ? spec : {};
  const volumes = validateVolumes(podSpec.volumes, `${path}.volumes`);
  const errors = [
    ...volumes.errors,
    ...validateContainers(podSpec, volumes.names, `${path}.containers`),
    ...validateInitContainers(podSpec, volumes.names, `${path}.initContainers`),
    ...validateHostNetworkPorts(podSpec, path),
    ...validateEnum(podSpec.restartPolicy, ['Always', 'OnFailure', 'Never'], `${path}.restartPolicy`),
    ...validateDnsPolicy(podSpec, path),
    ...validateLabels(podSpec.nodeSelector, `${path}.nodeSelector`),
    ...validateNames(podSpec, path),
  ];
  const deadline = podSpec.activeDeadlineSeconds;
  if (deadline !== undefined && deadline !== null && (typeof deadline !== 'number' || deadline < 1 || deadline > 2147483647)) {
    errors.push(fieldErrors.invalid(`${path}.activeDeadlineSeconds`, deadline, inclusiveRangeError(1, 2147483647)));
  }
  return [...errors, ...validateTolerations(podSpec.tolerations, `${path}.tolerations`)];
}

/**
 * ValidatePodTemplateSpec: the template's labels and annotations, then its spec; ephemeral
 * containers are forbidden. A missing template is validated as an empty one (Go's zero value);
 * kinds whose template is optional (ReplicationController) check presence themselves.
 */
export function validatePodTemplateSpec(template: Json | undefined, path: string): FieldError[] {
  if (!isPlainObject(template)) template = {};
  const metadata = isPlainObject(template.metadata) ? template.metadata : {};
  const spec = isPlainObject(template.spec) ? template.spec : {};
  const errors = [
    ...validateLabels(metadata.labels, `${path}.metadata.labels`),
    ...validateAnnotations(metadata.annotations, `${path}.metadata.annotations`),
    ...validatePodSpec(spec, `${path}.spec`),
  ];
  if (Array.isArray(spec.ephemeralContainers) && spec.ephemeralContainers.length > 0) {
    errors.push(fieldErrors.forbidden(`${path}.spec.ephemeralContainers`, 'ephemeral containers not allowed in pod template'));
  }
  return errors;
}
