import type { KubeObject } from '@drydock/util';
import { resources } from '@drydock/client';
import { eventually, useDrydock } from '../support/use-drydock';

interface Listed extends KubeObject {
  status?: { phase?: string; succeeded?: number; failed?: number; active?: number; ready?: number; startTime?: string; completionTime?: string; conditions?: { type: string; status: string; reason?: string; message?: string }[] };
  reason?: string;
  message?: string;
  involvedObject?: { name?: string; kind?: string };
}

const ns = 'default';
const job = (name: string, command: string[], spec: Record<string, unknown> = {}) => ({
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name },
  spec: { ...spec, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox', command }] } } },
});

describe('Job reconciler against a real Drydock (nodes, clock scale 20)', () => {
  const drydock = useDrydock({ name: 'job-controller', nodes: 2, controlLoop: true, clockScale: 20 });
  const eventsOf = async (name: string) => (await drydock().client().list<Listed>(resources.events, { namespace: ns })).items.filter((e) => e.involvedObject?.kind === 'Job' && e.involvedObject.name === name);
  const condition = (object: Listed | null | undefined, type: string) => object?.status?.conditions?.find((c) => c.type === type && c.status === 'True');

  it('runs completions 3 at parallelism 2 to Complete, with upstream labels, counts, conditions and events', async () => {
    const client = drydock().client();
    const created = await client.create<Listed>(resources.jobs, ns, job('done', ['echo', 'done'], { completions: 3, parallelism: 2 }));
    let maxActive = 0;
    await eventually('the job Complete', async () => {
      const current = await client.get<Listed>(resources.jobs, ns, 'done');
      maxActive = Math.max(maxActive, current?.status?.active ?? 0);
      return !!condition(current, 'Complete');
    }, 45_000);
    const finished = (await client.get<Listed>(resources.jobs, ns, 'done'))!;
    expect(finished.status).toMatchObject({ succeeded: 3, ready: 0 });
    expect(finished.status?.active).toBeUndefined();
    expect(finished.status?.failed).toBeUndefined();
    expect(finished.status?.startTime).toBeDefined();
    expect(finished.status?.completionTime).toBeDefined();
    expect(maxActive).toBeLessThanOrEqual(2);
    expect(condition(finished, 'SuccessCriteriaMet')).toMatchObject({ reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' });
    expect(condition(finished, 'Complete')).toMatchObject({ reason: 'CompletionsReached' });
    const pods = (await client.list<Listed>(resources.pods, { namespace: ns, labelSelector: 'job-name=done' })).items;
    expect(pods).toHaveLength(3);
    for (const pod of pods) {
      expect(pod.status?.phase).toBe('Succeeded');
      expect(pod.metadata.name).toMatch(/^done-[a-z0-9]{5}$/);
      expect(pod.metadata.labels).toMatchObject({ 'batch.kubernetes.io/controller-uid': created.metadata.uid, 'batch.kubernetes.io/job-name': 'done', 'controller-uid': created.metadata.uid, 'job-name': 'done' });
      expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'Job', name: 'done', uid: created.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    await eventually('SuccessfulCreate x3 and Completed events', async () => {
      const events = await eventsOf('done');
      return events.filter((e) => e.reason === 'SuccessfulCreate' && /^Created pod: done-[a-z0-9]{5}$/.test(e.message ?? '')).length === 3
        && events.some((e) => e.reason === 'Completed' && e.message === 'Job completed');
    });
  });

  it('fails a job whose pods exit 1 past backoffLimit with BackoffLimitExceeded', async () => {
    const client = drydock().client();
    await client.create(resources.jobs, ns, job('broken', ['sh', '-c', 'exit 1'], { backoffLimit: 1 }));
    await eventually('the job Failed', async () => !!condition(await client.get<Listed>(resources.jobs, ns, 'broken'), 'Failed'), 45_000);
    const failed = (await client.get<Listed>(resources.jobs, ns, 'broken'))!;
    expect(failed.status?.failed).toBe(2);
    expect(failed.status?.completionTime).toBeUndefined();
    for (const type of ['FailureTarget', 'Failed']) expect(condition(failed, type)).toMatchObject({ reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
    expect(condition(failed, 'Complete')).toBeUndefined();
    await eventually('the BackoffLimitExceeded event', async () => (await eventsOf('broken')).some((e) => e.reason === 'BackoffLimitExceeded' && e.message === 'Job has reached the specified backoff limit'));
  });

  it('runs an Indexed job one pod per index, with completedIndexes', async () => {
    const client = drydock().client();
    await client.create(resources.jobs, ns, job('indexed', ['echo', 'done'], { completionMode: 'Indexed', completions: 3, parallelism: 3 }));
    await eventually('the indexed job Complete', async () => !!condition(await client.get<Listed>(resources.jobs, ns, 'indexed'), 'Complete'), 45_000);
    const finished = (await client.get<Listed & { status?: { completedIndexes?: string } }>(resources.jobs, ns, 'indexed'))!;
    expect(finished.status).toMatchObject({ succeeded: 3, completedIndexes: '0-2' });
    const pods = (await client.list<Listed & { spec?: { hostname?: string } }>(resources.pods, { namespace: ns, labelSelector: 'job-name=indexed' })).items;
    const byIndex = pods.map((pod) => [pod.metadata.annotations?.['batch.kubernetes.io/job-completion-index'], pod.metadata.labels?.['batch.kubernetes.io/job-completion-index'], pod.spec?.hostname, pod.metadata.name?.replace(/[a-z0-9]{5}$/, '')]);
    expect(byIndex.sort()).toEqual([['0', '0', 'indexed-0', 'indexed-0-'], ['1', '1', 'indexed-1', 'indexed-1-'], ['2', '2', 'indexed-2', 'indexed-2-']]);
  });

  it('fails a job past activeDeadlineSeconds with DeadlineExceeded, deleting its running pods', async () => {
    const client = drydock().client();
    await client.create(resources.jobs, ns, job('too-slow', ['sleep', '3600'], { activeDeadlineSeconds: 30 }));
    await eventually('the job Failed', async () => !!condition(await client.get<Listed>(resources.jobs, ns, 'too-slow'), 'Failed'), 30_000);
    expect(condition(await client.get<Listed>(resources.jobs, ns, 'too-slow'), 'Failed')).toMatchObject({ reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' });
    await eventually('its pod deleted', async () => (await client.list<Listed>(resources.pods, { namespace: ns, labelSelector: 'job-name=too-slow' })).items.every((pod) => pod.metadata.deletionTimestamp || pod.status?.phase === 'Failed'));
    await eventually('SuccessfulDelete and DeadlineExceeded events', async () => {
      const events = await eventsOf('too-slow');
      return events.some((e) => e.reason === 'SuccessfulDelete') && events.some((e) => e.reason === 'DeadlineExceeded' && e.message === 'Job was active longer than specified deadline');
    });
  });

  it('deletes a finished job after ttlSecondsAfterFinished, pods with it', async () => {
    const client = drydock().client();
    await client.create(resources.jobs, ns, job('short-lived', ['echo', 'hi'], { ttlSecondsAfterFinished: 20 }));
    await eventually('the job deleted after its TTL', async () => !(await client.get(resources.jobs, ns, 'short-lived')), 45_000);
    await eventually('its pods deleted', async () => (await client.list(resources.pods, { namespace: ns, labelSelector: 'job-name=short-lived' })).items.length === 0);
  });
});
