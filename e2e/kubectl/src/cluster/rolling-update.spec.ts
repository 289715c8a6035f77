process.env.DRYDOCK_CLOCK_SCALE = '10';

import * as path from 'node:path';
import { WatchStream } from '../harness/api-client';
import { expectSuccess } from '../harness/expectations';
import { FIXTURES_DIR } from '../harness/fixtures';
import { Json } from '../harness/json';
import { getJson } from '../harness/use-drydock';
import { nodesReady, rolloutStatus, runningPods, useClusterDrydock } from './support/cluster';

const fixture = (file: string) => path.join(FIXTURES_DIR, 'cluster', file);

/** What a watch on the Deployment's pods saw at one moment: pods not terminating, and those of them Ready. */
interface Moment {
  event: string;
  live: number;
  available: number;
  templates: number;
}

/** Replays pod watch events into the set of pods at each moment (a pod is gone once DELETED or terminating). */
function moments(events: { type: string; object: Json }[]): Moment[] {
  const pods = new Map<string, Json>();
  const seen: Moment[] = [];
  for (const { type, object } of events) {
    if (type === 'BOOKMARK' || type === 'ERROR' || type === 'UNPARSEABLE') continue;
    if (type === 'DELETED') pods.delete(object.metadata.name);
    else pods.set(object.metadata.name, object);
    const live = [...pods.values()].filter((pod) => !pod.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes(pod.status?.phase));
    seen.push({
      event: `${type} ${object.metadata.name} ${object.status?.phase ?? ''}${object.metadata.deletionTimestamp ? ' terminating' : ''}`,
      live: live.length,
      available: live.filter((pod) => pod.status?.conditions?.some((c: Json) => c.type === 'Ready' && c.status === 'True')).length,
      templates: new Set(live.map((pod) => pod.metadata.labels?.['pod-template-hash'])).size,
    });
  }
  return seen;
}

describe('rolling updates, as kubectl rollout drives and reports them', () => {
  const drydock = useClusterDrydock();
  const kubectl = (...args: string[]) => drydock().run(args);

  beforeAll(async () => {
    await nodesReady(drydock());
    expectSuccess(await kubectl('apply', '-f', fixture('web-deployment.yaml')));
    expectSuccess(await kubectl('scale', 'deployment/web', '--replicas=4'));
    await runningPods(drydock(), 'app=web', 4);
    await rolloutStatus(drydock(), 'deployment/web');
  });

  it('an image change rolls out with never more than 5 pods and never fewer than 3 available (25%/25% of 4)', async () => {
    let watch: WatchStream | undefined;
    try {
      watch = await drydock().api.watch('/api/v1/namespaces/default/pods?watch=true&labelSelector=app%3Dweb');
      expect(watch.status).toBe(200);
      await watch.waitForEvents(4, 10_000);
      expect(expectSuccess(await kubectl('set', 'image', 'deployment/web', 'nginx=nginx:1.28'))).toBe('deployment.apps/web image updated\n');
      expectSuccess(await kubectl('annotate', 'deployment/web', 'kubernetes.io/change-cause=image nginx:1.28', '--overwrite'));

      const status = await rolloutStatus(drydock(), 'deployment/web');
      expect(status).toContain('deployment "web" successfully rolled out');
      const pods = await runningPods(drydock(), 'app=web', 4);
      expect(pods.map((pod: Json) => pod.spec.containers[0].image)).toEqual(Array(4).fill('nginx:1.28'));
    } finally {
      watch?.close();
    }

    const seen = moments(watch.events);
    const trace = seen.map((m) => `${m.event}: live=${m.live} available=${m.available}`).join('\n');
    const afterSetUp = seen.slice(3); // the first four (synthetic ADDED) events build up the initial pods
    const maxLive = Math.max(...afterSetUp.map((m) => m.live));
    const minAvailable = Math.min(...afterSetUp.map((m) => m.available));
    if (maxLive > 5 || minAvailable < 3) throw new Error(`bounds exceeded: ${maxLive} pods at most (max 5), ${minAvailable} available at least (min 3). Watch:\n${trace}`);
    expect(maxLive).toBeLessThanOrEqual(5);
    expect(minAvailable).toBeGreaterThanOrEqual(3);
    // The watch saw the update in progress: old and new pods side by side at some moment.
    expect(Math.max(...seen.map((m) => m.templates))).toBe(2);
  });

  it('rollout history lists every revision with its change-cause', async () => {
    expectSuccess(await kubectl('set', 'image', 'deployment/web', 'nginx=nginx:1.29'));
    expectSuccess(await kubectl('annotate', 'deployment/web', 'kubernetes.io/change-cause=image nginx:1.29', '--overwrite'));
    await rolloutStatus(drydock(), 'deployment/web');

    const history = expectSuccess(await kubectl('rollout', 'history', 'deployment/web'));
    const rows = history.trim().split('\n');
    expect(rows[0].trim()).toBe('deployment.apps/web');
    expect(rows[1]).toMatch(/^REVISION\s+CHANGE-CAUSE$/);
    expect(rows.slice(2).map((row) => row.trim().split(/\s{2,}/))).toEqual([
      ['1', '<none>'],
      ['2', 'image nginx:1.28'],
      ['3', 'image nginx:1.29'],
    ]);
    const revision2 = expectSuccess(await kubectl('rollout', 'history', 'deployment/web', '--revision=2'));
    expect(revision2).toContain('deployment.apps/web with revision #2');
    expect(revision2).toMatch(/Image:\s+nginx:1\.28/);
  });

  it('rollout undo --to-revision=2 brings back revision 2\'s image as revision 4', async () => {
    expect(expectSuccess(await kubectl('rollout', 'undo', 'deployment/web', '--to-revision=2'))).toBe('deployment.apps/web rolled back\n');
    expect(await rolloutStatus(drydock(), 'deployment/web')).toContain('deployment "web" successfully rolled out');

    const deployment = await getJson(drydock(), ['deployment', 'web']);
    expect(deployment.spec.template.spec.containers[0].image).toBe('nginx:1.28');
    expect(deployment.metadata.annotations['deployment.kubernetes.io/revision']).toBe('4');
    const pods = await runningPods(drydock(), 'app=web', 4);
    expect(pods.map((pod: Json) => pod.spec.containers[0].image)).toEqual(Array(4).fill('nginx:1.28'));

    const history = expectSuccess(await kubectl('rollout', 'history', 'deployment/web'));
    expect(history.trim().split('\n').slice(2).map((row) => row.trim().split(/\s{2,}/)[0])).toEqual(['1', '3', '4']);
  });
});
