import { fieldErrorMessage } from '@drydock/util';
import { defaultPodOnlyFields, defaultPodSpec, defaultPodTemplateSpec, validatePodSpec, validatePodTemplateSpec } from './pod-spec';

const messages = (spec: Record<string, unknown>, path = 'spec') => validatePodSpec(spec, path).map(fieldErrorMessage);

function defaulted(spec: Record<string, unknown>): Record<string, unknown> {
  defaultPodSpec(spec);
  return spec;
}

describe('defaultPodSpec', () => {
  it('sets the pod-level defaults kubectl shows', () => {
    const spec = defaulted({ containers: [{ name: 'web', image: 'nginx' }] });
    expect(spec).toMatchObject({
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      terminationGracePeriodSeconds: 30,
      securityContext: {},
      enableServiceLinks: true,
    });
  });

  it('sets container termination message defaults and port protocol', () => {
    const spec = defaulted({ containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] });
    expect((spec.containers as unknown[])[0]).toEqual({
      name: 'web',
      image: 'nginx:1.27',
      imagePullPolicy: 'IfNotPresent',
      resources: {},
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      ports: [{ containerPort: 80, protocol: 'TCP' }],
    });
  });

  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['registry.local:5000/nginx', 'Always'],
    ['registry.local:5000/nginx:1.2', 'IfNotPresent'],
    ['nginx@sha256:abc', 'IfNotPresent'],
  ])('pulls %s with policy %s', (image, policy) => {
    const spec = defaulted({ containers: [{ name: 'c', image }] });
    expect((spec.containers as Record<string, unknown>[])[0].imagePullPolicy).toBe(policy);
  });

  it('keeps an explicit restartPolicy and imagePullPolicy', () => {
    const spec = defaulted({ restartPolicy: 'Never', containers: [{ name: 'c', image: 'nginx', imagePullPolicy: 'Never' }] });
    expect(spec.restartPolicy).toBe('Never');
    expect((spec.containers as Record<string, unknown>[])[0].imagePullPolicy).toBe('Never');
  });

  it('defaults probes and an empty volume to emptyDir', () => {
    const spec = defaulted({
      containers: [{ name: 'c', image: 'x', livenessProbe: { httpGet: { port: 80 } } }],
      volumes: [{ name: 'scratch' }, { name: 'cfg', configMap: { name: 'cfg' } }],
    });
    expect((spec.containers as Record<string, unknown>[])[0].livenessProbe).toEqual({
      httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3,
    });
    expect(spec.volumes).toEqual([{ name: 'scratch', emptyDir: {} }, { name: 'cfg', configMap: { name: 'cfg', defaultMode: 420 } }]);
  });

  it('defaults the spec of a pod template', () => {
    const template: Record<string, unknown> = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'x' }] } };
    defaultPodTemplateSpec(template);
    expect((template.spec as Record<string, unknown>).restartPolicy).toBe('Always');
  });
});

describe('validatePodSpec', () => {
  it('accepts a defaulted minimal spec', () => {
    expect(messages(defaulted({ containers: [{ name: 'web', image: 'nginx' }] }))).toEqual([]);
  });

  it('requires at least one container', () => {
    expect(messages(defaulted({ containers: [] }))).toEqual(['spec.containers: Required value']);
  });

  it('requires an image, with the template path', () => {
    const spec = defaulted({ containers: [{ name: 'web' }] });
    expect(messages(spec, 'spec.template.spec')).toContain('spec.template.spec.containers[0].image: Required value');
  });

  it('rejects duplicate container names', () => {
    const spec = defaulted({ containers: [{ name: 'a', image: 'x' }, { name: 'a', image: 'y' }] });
    expect(messages(spec)).toEqual(['spec.containers[1].name: Duplicate value: "a"']);
  });

  it('rejects a container name that is not a DNS label', () => {
    const spec = defaulted({ containers: [{ name: 'Web', image: 'x' }] });
    expect(messages(spec)).toEqual([
      `spec.containers[0].name: Invalid value: "Web": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    ]);
  });

  it('rejects out-of-range and missing container ports', () => {
    const spec = defaulted({ containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 70000 }, { name: 'http' }] }] });
    expect(messages(spec)).toEqual([
      'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.containers[0].ports[1].containerPort: Required value',
    ]);
  });

  it('lists the supported restart policies', () => {
    const spec = defaulted({ restartPolicy: 'Sometimes', containers: [{ name: 'a', image: 'x' }] });
    expect(messages(spec)).toEqual(['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"']);
  });

  it('rejects requests above limits', () => {
    const spec = defaulted({ containers: [{ name: 'a', image: 'x', resources: { requests: { cpu: '2' }, limits: { cpu: '500m' } } }] });
    expect(messages(spec)).toEqual(['spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 500m']);
  });

  it('rejects a volume with no source and a mount of an unknown volume', () => {
    const spec: Record<string, unknown> = { ...defaulted({ containers: [{ name: 'a', image: 'x', volumeMounts: [{ name: 'data', mountPath: '/d' }] }] }), volumes: [{ name: 'v' }] };
    expect(messages(spec)).toEqual([
      'spec.volumes[0]: Required value: must specify a volume type',
      'spec.containers[0].volumeMounts[0].name: Invalid value: "data": not found',
    ]);
  });

  it('rejects a negative activeDeadlineSeconds', () => {
    const spec = defaulted({ activeDeadlineSeconds: 0, containers: [{ name: 'a', image: 'x' }] });
    expect(messages(spec)).toEqual(['spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive']);
  });
});

describe('validatePodTemplateSpec', () => {
  it('validates template labels at the template metadata path', () => {
    const template = { metadata: { labels: { app: 'bad value' } }, spec: defaulted({ containers: [{ name: 'a', image: 'x' }] }) };
    const errors = validatePodTemplateSpec(template, 'spec.template').map(fieldErrorMessage);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^spec\.template\.metadata\.labels: Invalid value: "bad value": a valid label must be an empty string/);
  });
});

describe('defaultPodOnlyFields', () => {
  it('defaults requests to limits and host ports for host-network pods only', () => {
    const template: Record<string, unknown> = { hostNetwork: true, containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80 }], resources: { limits: { cpu: '1' } } }] };
    defaultPodSpec(template);
    expect((template.containers as Record<string, unknown>[])[0]).toMatchObject({ ports: [{ containerPort: 80, protocol: 'TCP' }], resources: { limits: { cpu: '1' } } });
    defaultPodOnlyFields(template);
    expect((template.containers as Record<string, unknown>[])[0]).toMatchObject({ ports: [{ containerPort: 80, hostPort: 80 }], resources: { requests: { cpu: '1' } } });
  });
});

describe('validatePodTemplateSpec without a template', () => {
  it('validates the zero template like upstream', () => {
    expect(validatePodTemplateSpec(undefined, 'spec.template').map(fieldErrorMessage)).toContain('spec.template.spec.containers: Required value');
  });
});

describe('quantities in pod specs', () => {
  it('are stored in canonical form', () => {
    const spec = defaulted({ containers: [{ name: 'a', image: 'x', resources: { requests: { memory: '1024Mi', cpu: '1000m' } } }] });
    expect((spec.containers as Record<string, unknown>[])[0].resources).toEqual({ requests: { memory: '1Gi', cpu: '1' } });
  });
});
