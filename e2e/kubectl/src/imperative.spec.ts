import * as fs from 'node:fs';
import { fixturePath } from './harness/fixtures';
import { expectSuccess } from './harness/expectations';
import { getJson, useDrydock } from './harness/use-drydock';

describe('imperative commands a learner types', () => {
  const drydock = useDrydock();
  const kubectl = (...args: string[]) => drydock().run(args);

  beforeAll(async () => {
    expectSuccess(await drydock().run(['apply', '-f', '-'], { stdin: fs.readFileSync(fixturePath('deployment.yaml'), 'utf8') }));
  });

  it('apply -f - reads the manifest from stdin', async () => {
    const manifest = fs.readFileSync(fixturePath('configmap.yaml'), 'utf8');
    expect(expectSuccess(await drydock().run(['apply', '-f', '-'], { stdin: manifest }))).toBe('configmap/app-config created\n');
  });

  it('run creates a Pod labelled run=NAME', async () => {
    expect(expectSuccess(await kubectl('run', 'web', '--image=nginx:1.25'))).toBe('pod/web created\n');
    const pod = await getJson(drydock(), ['pod', 'web']);
    expect(pod.metadata.labels).toEqual({ run: 'web' });
    expect(pod.spec.containers).toEqual([expect.objectContaining({ name: 'web', image: 'nginx:1.25' })]);
  });

  it('expose deployment creates a Service selecting its pods', async () => {
    expect(expectSuccess(await kubectl('expose', 'deployment', 'my-deploy', '--port=80', '--target-port=8080'))).toBe('service/my-deploy exposed\n');
    const service = await getJson(drydock(), ['service', 'my-deploy']);
    expect(service.spec.selector).toEqual({ app: 'my-app' });
    expect(service.spec.ports).toEqual([expect.objectContaining({ port: 80, targetPort: 8080, protocol: 'TCP' })]);
    expect(service.spec.clusterIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  it('set image changes a container image of the deployment', async () => {
    expect(expectSuccess(await kubectl('set', 'image', 'deployment/my-deploy', 'my-container=nginx:1.22'))).toBe('deployment.apps/my-deploy image updated\n');
    expect((await getJson(drydock(), ['deployment', 'my-deploy'])).spec.template.spec.containers[0].image).toBe('nginx:1.22');
  });

  it('rollout restart stamps the pod template with restartedAt', async () => {
    expect(expectSuccess(await kubectl('rollout', 'restart', 'deployment/my-deploy'))).toBe('deployment.apps/my-deploy restarted\n');
    const annotations = (await getJson(drydock(), ['deployment', 'my-deploy'])).spec.template.metadata.annotations;
    expect(annotations['kubectl.kubernetes.io/restartedAt']).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('rollout pause and resume set and clear spec.paused', async () => {
    expect(expectSuccess(await kubectl('rollout', 'pause', 'deployment/my-deploy'))).toBe('deployment.apps/my-deploy paused\n');
    expect((await getJson(drydock(), ['deployment', 'my-deploy'])).spec.paused).toBe(true);
    expect(expectSuccess(await kubectl('rollout', 'resume', 'deployment/my-deploy'))).toBe('deployment.apps/my-deploy resumed\n');
    expect((await getJson(drydock(), ['deployment', 'my-deploy'])).spec.paused).toBeUndefined();
  });

  it('create service clusterip builds a Service from --tcp', async () => {
    expect(expectSuccess(await kubectl('create', 'service', 'clusterip', 'my-svc', '--tcp=80:8080'))).toBe('service/my-svc created\n');
    const service = await getJson(drydock(), ['service', 'my-svc']);
    expect(service.spec).toMatchObject({ type: 'ClusterIP', selector: { app: 'my-svc' } });
    expect(service.spec.ports).toEqual([expect.objectContaining({ name: '80-8080', port: 80, targetPort: 8080, protocol: 'TCP' })]);
  });

  it('create job gets upstream defaults and a generated selector', async () => {
    expect(expectSuccess(await kubectl('create', 'job', 'once', '--image=busybox', '--', 'echo', 'hi'))).toBe('job.batch/once created\n');
    const job = await getJson(drydock(), ['job', 'once']);
    expect(job.spec).toMatchObject({ completions: 1, parallelism: 1, backoffLimit: 6 });
    expect(job.spec.selector.matchLabels['batch.kubernetes.io/controller-uid']).toBe(job.metadata.uid);
    expect(job.spec.template.metadata.labels['batch.kubernetes.io/controller-uid']).toBe(job.metadata.uid);
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
  });

  it('create cronjob stores the schedule', async () => {
    const out = expectSuccess(await kubectl('create', 'cronjob', 'nightly', '--image=busybox', '--schedule=0 3 * * *', '--', 'echo', 'hi'));
    expect(out).toBe('cronjob.batch/nightly created\n');
    expect((await getJson(drydock(), ['cronjob', 'nightly'])).spec).toMatchObject({ schedule: '0 3 * * *', concurrencyPolicy: 'Allow', suspend: false });
  });

  it('create serviceaccount, role and rolebinding', async () => {
    expect(expectSuccess(await kubectl('create', 'serviceaccount', 'robot'))).toBe('serviceaccount/robot created\n');
    expect(expectSuccess(await kubectl('create', 'role', 'pod-reader', '--verb=get,list', '--resource=pods'))).toBe('role.rbac.authorization.k8s.io/pod-reader created\n');
    const binding = await kubectl('create', 'rolebinding', 'read-pods', '--role=pod-reader', '--serviceaccount=default:robot');
    expect(expectSuccess(binding)).toBe('rolebinding.rbac.authorization.k8s.io/read-pods created\n');
    expect((await getJson(drydock(), ['role', 'pod-reader'])).rules).toEqual([{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }]);
    expect((await getJson(drydock(), ['rolebinding', 'read-pods'])).subjects).toEqual([{ kind: 'ServiceAccount', name: 'robot', namespace: 'default' }]);
  });

  it('autoscale creates a HorizontalPodAutoscaler for the deployment', async () => {
    expect(expectSuccess(await kubectl('autoscale', 'deployment', 'my-deploy', '--min=2', '--max=5'))).toBe('horizontalpodautoscaler.autoscaling/my-deploy autoscaled\n');
    const hpa = await getJson(drydock(), ['hpa', 'my-deploy']);
    expect(hpa.spec).toMatchObject({ minReplicas: 2, maxReplicas: 5, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'my-deploy' } });
  });
});
