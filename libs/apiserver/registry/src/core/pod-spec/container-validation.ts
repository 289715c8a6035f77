import { FieldError, fieldErrors, isPlainObject } from '@drydock/util';
import { isConfigMapKey, isDns1123Label, isDns1123Subdomain, isRelaxedEnvVarName, isValidPortName, isValidPortNum } from '@drydock/kube';
import { validateNonnegative } from '../../meta/field-validation';
import { validateResources } from './resources-validation';
import { invalidEach, notFound, validateEnum } from '../../support/field-errors';
import { Json, records, text } from '../../support/object-fields';

function validatePorts(ports: unknown, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  records(ports).forEach((port, i) => {
    const at = `${path}[${i}]`;
    const name = text(port.name);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length) errors.push(...invalidEach(`${at}.name`, name, msgs));
      else if (names.has(name)) errors.push(fieldErrors.duplicate(`${at}.name`, name));
      else names.add(name);
    }
    if (!port.containerPort) errors.push(fieldErrors.required(`${at}.containerPort`));
    else errors.push(...invalidEach(`${at}.containerPort`, port.containerPort, isValidPortNum(Number(port.containerPort))));
    if (port.hostPort) errors.push(...invalidEach(`${at}.hostPort`, port.hostPort, isValidPortNum(Number(port.hostPort))));
    errors.push(...validateEnum(port.protocol, ['SCTP', 'TCP', 'UDP'], `${at}.protocol`));
  });
  return errors;
}

function validateKeySelector(selector: Json, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!text(selector.name)) errors.push(fieldErrors.required(`${path}.name`));
  const key = text(selector.key);
  if (!key) errors.push(fieldErrors.required(`${path}.key`));
  else errors.push(...invalidEach(`${path}.key`, key, isConfigMapKey(key)));
  return errors;
}

function validateValueFrom(env: Json, path: string): FieldError[] {
  if (!isPlainObject(env.valueFrom)) return [];
  const from = env.valueFrom;
  const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef', 'fileKeyRef'].filter((k) => isPlainObject(from[k]));
  const errors: FieldError[] = [];
  for (const key of ['configMapKeyRef', 'secretKeyRef']) {
    if (isPlainObject(from[key])) errors.push(...validateKeySelector(from[key] as Json, `${path}.${key}`));
  }
  if (isPlainObject(from.fieldRef) && !text(from.fieldRef.fieldPath)) errors.push(fieldErrors.required(`${path}.fieldRef.fieldPath`));
  if (isPlainObject(from.resourceFieldRef) && !text(from.resourceFieldRef.resource)) errors.push(fieldErrors.required(`${path}.resourceFieldRef.resource`));
  if (sources.length === 0) errors.push(fieldErrors.invalid(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  else if (text(env.value)) errors.push(fieldErrors.invalid(path, '', 'may not be specified when `value` is not empty'));
  else if (sources.length > 1) errors.push(fieldErrors.invalid(path, '', 'may not have more than one field specified at a time'));
  return errors;
}

function validateEnv(env: unknown, path: string): FieldError[] {
  return records(env).flatMap((variable, i) => {
    const at = `${path}[${i}]`;
    const name = text(variable.name);
    const errors = name ? invalidEach(`${at}.name`, name, isRelaxedEnvVarName(name)) : [fieldErrors.required(`${at}.name`)];
    return [...errors, ...validateValueFrom(variable, `${at}.valueFrom`)];
  });
}

function validateEnvFrom(envFrom: unknown, path: string): FieldError[] {
  return records(envFrom).flatMap((source, i) => {
    const at = `${path}[${i}]`;
    const refs = ['configMapRef', 'secretRef'].filter((k) => isPlainObject(source[k]));
    const errors: FieldError[] = [];
    if (text(source.prefix)) errors.push(...invalidEach(`${at}.prefix`, source.prefix, isRelaxedEnvVarName(text(source.prefix))));
    for (const ref of refs) {
      const name = text((source[ref] as Json).name);
      if (!name) errors.push(fieldErrors.required(`${at}.${ref}.name`));
      else errors.push(...invalidEach(`${at}.${ref}.name`, name, isDns1123Subdomain(name)));
    }
    if (refs.length === 0) errors.push(fieldErrors.invalid(at, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (refs.length > 1) errors.push(fieldErrors.invalid(at, '', 'may not have more than one field specified at a time'));
    return errors;
  });
}

function validateVolumeMounts(mounts: unknown, volumeNames: Set<string>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const mountPoints = new Set<string>();
  records(mounts).forEach((mount, i) => {
    const at = `${path}[${i}]`;
    const name = text(mount.name);
    const mountPath = text(mount.mountPath);
    if (!name) errors.push(fieldErrors.required(`${at}.name`));
    if (!volumeNames.has(name)) errors.push(notFound(`${at}.name`, name));
    if (!mountPath) errors.push(fieldErrors.required(`${at}.mountPath`));
    if (mountPoints.has(mountPath)) errors.push(fieldErrors.invalid(`${at}.mountPath`, mountPath, 'must be unique'));
    mountPoints.add(mountPath);
  });
  return errors;
}

/** Handler of a probe or lifecycle hook: exactly one of exec, httpGet, tcpSocket, grpc (sleep for hooks). */
export function validateHandler(handler: Json, path: string, kinds: string[]): FieldError[] {
  const set = kinds.filter((k) => isPlainObject(handler[k]));
  if (set.length === 0) return [fieldErrors.required(path, 'must specify a handler type')];
  const errors: FieldError[] = set.slice(1).map((k) => fieldErrors.forbidden(`${path}.${k}`, 'may not specify more than 1 handler type'));
  for (const k of ['httpGet', 'tcpSocket']) {
    const action = handler[k];
    if (!isPlainObject(action) || !set.includes(k)) continue;
    const port = action.port;
    if (typeof port === 'number') errors.push(...invalidEach(`${path}.${k}.port`, port, isValidPortNum(port)));
    else if (typeof port === 'string') errors.push(...invalidEach(`${path}.${k}.port`, port, isValidPortName(port)));
    else errors.push(fieldErrors.required(`${path}.${k}.port`));
  }
  if (isPlainObject(handler.exec) && set[0] === 'exec' && !Array.isArray(handler.exec.command)) errors.push(fieldErrors.required(`${path}.exec.command`));
  return errors;
}

/** validateProbe; `kind` decides the successThreshold rule (liveness and startup must be 1). */
function validateProbe(probe: unknown, path: string, kind: 'liveness' | 'readiness' | 'startup'): FieldError[] {
  if (!isPlainObject(probe)) return [];
  const errors = validateHandler(probe, path, ['exec', 'httpGet', 'tcpSocket', 'grpc']);
  for (const key of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errors.push(...validateNonnegative(probe[key], `${path}.${key}`));
  }
  if (kind !== 'readiness' && probe.successThreshold !== undefined && probe.successThreshold !== 1) {
    errors.push(fieldErrors.invalid(`${path}.successThreshold`, probe.successThreshold, 'must be 1'));
  }
  if (kind === 'readiness' && probe.terminationGracePeriodSeconds !== undefined) {
    errors.push(fieldErrors.invalid(`${path}.terminationGracePeriodSeconds`, probe.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
  }
  return errors;
}

/** validateContainerCommon: what every container (regular, init, ephemeral) must satisfy. */
export function validateContainerCommon(container: Json, volumeNames: Set<string>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const name = text(container.name);
  if (!name) errors.push(fieldErrors.required(`${path}.name`));
  else errors.push(...invalidEach(`${path}.name`, name, isDns1123Label(name)));
  if (!text(container.image)) errors.push(fieldErrors.required(`${path}.image`));
  errors.push(...validateEnum(container.terminationMessagePolicy, ['File', 'FallbackToLogsOnError'], `${path}.terminationMessagePolicy`));
  errors.push(...validatePorts(container.ports, `${path}.ports`));
  errors.push(...validateEnv(container.env, `${path}.env`));
  errors.push(...validateEnvFrom(container.envFrom, `${path}.envFrom`));
  errors.push(...validateVolumeMounts(container.volumeMounts, volumeNames, `${path}.volumeMounts`));
  errors.push(...validateEnum(container.imagePullPolicy, ['Always', 'IfNotPresent', 'Never'], `${path}.imagePullPolicy`));
  errors.push(...validateResources(container.resources, `${path}.resources`));
  return errors;
}

/** The probes and lifecycle hooks of a regular (or sidecar) container. */
export function validateContainerProbes(container: Json, path: string): FieldError[] {
  const errors = [
    ...validateProbe(container.livenessProbe, `${path}.livenessProbe`, 'liveness'),
    ...validateProbe(container.readinessProbe, `${path}.readinessProbe`, 'readiness'),
    ...validateProbe(container.startupProbe, `${path}.startupProbe`, 'startup'),
  ];
  if (isPlainObject(container.lifecycle)) {
    for (const hook of ['postStart', 'preStop']) {
      const handler = container.lifecycle[hook];
      if (isPlainObject(handler)) errors.push(...validateHandler(handler, `${path}.lifecycle.${hook}`, ['exec', 'httpGet', 'tcpSocket', 'sleep']));
    }
  }
  return errors;
}
