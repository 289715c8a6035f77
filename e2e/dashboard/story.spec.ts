import { join } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { createKubeClient, isAlreadyExists, loadKubeconfig, resources } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import { describeTiles, pasteIntoEditor, readGrid, tilesOf, visibleText } from './support/screen';
import { eventually, useDashboard } from './support/use-dashboard';

/**
 * The story a user walks in the dashboard (issue 4, "What must be shown"): sign in, apply a Deployment from
 * the editor, see its pods on the node grid, change its image and watch the rollout step by step, roll back
 * from the history, power a node off and see its pods move. One Drydock (3 nodes, clock ×10) for the file;
 * each test starts where the previous one left the cluster, and sets up with kubectl what it needs when an
 * earlier step failed, so each failure names its own page.
 */
const dashboard = useDashboard({ name: 'story', nodes: 3 });

const REPLICAS = 4;
/** maxUnavailable 0 + maxSurge 1: every state between the first and the last step has both ReplicaSets scaled up. */
const deploymentYaml = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
  labels:
    app: web
spec:
  replicas: ${REPLICAS}
  minReadySeconds: 10
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          resources:
            requests:
              cpu: 100m
              memory: 64Mi
`;

interface ReplicaSetJson {
  metadata: { name: string; annotations?: Record<string, string>; ownerReferences?: { name: string }[] };
  spec: { replicas?: number; template: { spec: { containers: { image: string }[] } } };
  status?: { replicas?: number };
}

async function deploymentImage(): Promise<string> {
  const d = await dashboard().getJson<{ spec: { template: { spec: { containers: { image: string }[] } } } }>(['deployment', 'web', '-n', 'default']);
  return d.spec.template.spec.containers[0].image;
}

/** The Deployment exists (applied from the editor, or by kubectl when that step failed) with all pods Running. */
async function ensureWebDeployment(): Promise<void> {
  const { kubectl, kubectlResult } = dashboard();
  if ((await kubectlResult(['get', 'deployment', 'web', '-n', 'default'])).code !== 0) await kubectl(['apply', '-f', '-'], deploymentYaml);
  await kubectl(['rollout', 'status', 'deployment/web', '-n', 'default', '--timeout=120s']);
}

describe('the dashboard story: sign in, apply, roll out, roll back, power a node off', () => {
  test('sign-in refuses a wrong token and accepts the admin token; dark mode sticks', async () => {
    const { page, open, step, screenshot, token, url } = dashboard();
    await step('signed out, / sends me to the sign-in page', async () => {
      await open('/');
      await page.waitForURL(/\/login/, { timeout: 15_000 });
      await page.getByRole('heading', { name: /sign in/i }).waitFor({ timeout: 15_000 });
      await screenshot('sign-in-page');
    });
    await step('a wrong token is refused', async () => {
      await page.getByLabel('Token').fill('not-the-admin-token');
      await page.getByRole('button', { name: /sign in/i }).click();
      // (Next's route announcer is an empty role=alert too: take the form's.)
      const alert = page.locator('form [role="alert"]');
      await alert.waitFor({ timeout: 15_000 });
      expect(await alert.innerText()).toMatch(/not accept|invalid|unauthori[sz]ed|refused/i);
      expect(new URL(page.url()).pathname).toBe('/login');
      await screenshot('wrong-token-refused');
    });
    await step('the admin token signs in and lands on the overview', async () => {
      await page.getByLabel('Token').fill(token);
      await page.getByRole('button', { name: /sign in/i }).click();
      await page.waitForURL((u) => u.pathname === '/', { timeout: 20_000 });
      await page.getByRole('navigation').getByRole('link', { name: 'Overview' }).waitFor({ timeout: 15_000 });
      // The signed-in page is served to this browser only: a fresh context without the cookie is sent to sign in.
      const other = await dashboard().browser.newContext();
      const response = await (await other.newPage()).goto(`${url}/workloads`);
      expect(new URL(response!.url()).pathname).toBe('/login');
      await other.close();
      await screenshot('signed-in-overview');
    });
    await step('dark mode: the toggle switches the page dark, and the choice survives a reload', async () => {
      const isDark = async () => (await page.evaluate(`document.documentElement.classList.contains('dark')`)) as boolean;
      expect(await isDark()).toBe(false);
      await page.getByRole('button', { name: 'Switch to dark mode' }).click();
      expect(await isDark()).toBe(true);
      await page.reload();
      await page.getByRole('button', { name: 'Switch to light mode' }).waitFor({ timeout: 15_000 });
      expect(await isDark()).toBe(true);
      await screenshot('overview-dark');
      await page.getByRole('button', { name: 'Switch to light mode' }).click();
      expect(await isDark()).toBe(false);
    });
  });

  test('the Apply editor: a key typed while CodeMirror replaces the plain textarea lands where the caret was then, not where it was when CodeMirror\'s module arrived', async () => {
    const { page, open, step, signIn } = dashboard();
    await signIn();
    // CodeMirror's chunk is held (routing also turns the HTTP cache off), so the page shows its plain textarea
    // until the test lets the chunk through.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    const hold = async (route: Route) => {
      try {
        const response = await route.fetch();
        const body = await response.text();
        if (body.includes('cm-gutters')) {
          held = true;
          await released;
        }
        await route.fulfill({ response, body });
      } catch {
        // The page that asked went elsewhere (the sign-in's redirect): its request is gone.
        await route.continue().catch(() => undefined);
      }
    };
    await page.route('**/_next/static/chunks/**', hold);
    try {
      const typed = await step('the caret at the end of the plain textarea; a key typed in the moment the page reads its selection for CodeMirror', async () => {
        await open('/apply');
        await page.locator('[data-testid="apply-editor"][data-editor="textarea"] textarea').waitFor({ timeout: 20_000 });
        await eventually('the page asked for CodeMirror', async () => held, 30_000);
        // The first read of the selection after this (the page handing the caret over to CodeMirror) is
        // followed at once by a key typed at the end, as a user typing in that moment would.
        await page.evaluate(`(() => {
          const area = document.querySelector('[data-testid="apply-editor"] textarea');
          area.focus();
          area.setSelectionRange(area.value.length, area.value.length);
          const native = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'selectionStart');
          window.typedDuringSwap = '';
          let armed = true;
          Object.defineProperty(area, 'selectionStart', {
            configurable: true,
            get() {
              if (armed) {
                armed = false;
                queueMicrotask(() => {
                  if (!this.isConnected || document.activeElement !== this) return;
                  document.execCommand('insertText', false, 'X');
                  window.typedDuringSwap = 'X';
                });
              }
              return native.get.call(this);
            },
            set(value) {
              native.set.call(this, value);
            },
          });
        })()`);
        release();
        await page.locator('[data-testid="apply-editor"][data-editor="codemirror"] .cm-editor.cm-focused').waitFor({ timeout: 30_000 });
        return (await page.evaluate('window.typedDuringSwap')) as string;
      });
      await step('the next key lands after it, at the end of the document', async () => {
        await page.keyboard.type('Y');
        const text = (await page.locator('[data-testid="apply-editor"] .cm-content').innerText()).replace(/\s+$/, '');
        expect(text.slice(-(typed.length + 1))).toBe(`${typed}Y`);
      });
    } finally {
      release();
      await page.unroute('**/_next/static/chunks/**', hold);
    }
  });

  test('apply a Deployment from the editor: the preview says created, Apply creates it, its pods appear on the node grid', async () => {
    const { page, open, step, screenshot, getJson, signIn } = dashboard();
    await signIn();
    await step('the Apply page previews the YAML as "created" (server dry run), and creates nothing', async () => {
      await open('/apply');
      await page.getByRole('heading', { level: 1, name: /apply/i }).waitFor({ timeout: 20_000 });
      await pasteIntoEditor(page, deploymentYaml);
      await page.getByRole('button', { name: 'Preview', exact: true }).click();
      const preview = page.locator('[data-testid="apply-results"][data-dry-run="true"]');
      await preview.waitFor({ timeout: 20_000 });
      const results = preview.locator('[data-testid="apply-result"]');
      expect(await results.count()).toBe(1);
      expect(await results.first().getAttribute('data-action')).toBe('created');
      expect(await results.first().innerText()).toMatch(/Deployment[\s\S]*web/);
      await screenshot('apply-preview-created');
      // A dry run creates nothing.
      expect((await dashboard().kubectlResult(['get', 'deployment', 'web', '-n', 'default'])).code).not.toBe(0);
    });
    // The overview open in a second tab before Apply: the pods must appear there live, without a reload.
    const overview = await dashboard().context.newPage();
    try {
      await step('the overview, open in another tab, shows the 3 nodes and no web pods yet', async () => {
        await overview.goto(`${dashboard().url}/`);
        await eventually('3 node tiles', async () => (await readGrid(overview)).nodes.length === 3, 30_000, async () => JSON.stringify(await readGrid(overview)));
        expect(tilesOf(await readGrid(overview), 'default/web-')).toEqual([]);
      });
      await step('Apply creates the Deployment', async () => {
        await page.getByRole('button', { name: 'Apply', exact: true }).click();
        const applied = page.locator('[data-testid="apply-results"][data-dry-run="false"]');
        await applied.waitFor({ timeout: 20_000 });
        expect(await applied.locator('[data-testid="apply-result"]').first().getAttribute('data-action')).toBe('created');
        expect((await dashboard().kubectlResult(['get', 'deployment', 'web', '-n', 'default'])).code).toBe(0);
        expect(await deploymentImage()).toBe('nginx:1.27');
        await screenshot('apply-applied');
      });
      await step(`the overview tab shows the ${REPLICAS} pods appear live as tiles on their nodes, then Running`, async () => {
        const statuses = new Set<string>();
        const grid = await eventually(
          `${REPLICAS} Running pod tiles of web on the node grid (no reload)`,
          async () => {
            const seen = await readGrid(overview);
            const web = tilesOf(seen, 'default/web-');
            for (const tile of web) statuses.add(tile.status);
            return web.length === REPLICAS && web.every((t) => t.status === 'Running') ? seen : undefined;
          },
          90_000,
          async () => describeTiles(tilesOf(await readGrid(overview), 'default/web-')),
        );
        process.stderr.write(`[dashboard e2e] web pod statuses seen on the overview: ${[...statuses].join(', ')}\n`);
        expect(grid.nodes.sort()).toEqual(['node-1', 'node-2', 'node-3']);
        // Each tile sits in the tile of the node the API says the pod runs on.
        const live = await getJson<{ items: { metadata: { name: string }; spec: { nodeName?: string } }[] }>(['pods', '-n', 'default', '-l', 'app=web']);
        expect(live.items).toHaveLength(REPLICAS);
        for (const tile of tilesOf(grid, 'default/web-')) {
          const pod = live.items.find((p) => `default/${p.metadata.name}` === tile.pod);
          expect(pod).toBeDefined();
          expect(tile.node).toBe(pod!.spec.nodeName);
        }
        await screenshot('overview-web-pods', overview);
      });
    } finally {
      await overview.close();
    }
  });

  test('change its image on the workload page: the rollout shows old and new ReplicaSets side by side, step by step, to the end', async () => {
    const { page, open, step, screenshot, getJson, signIn } = dashboard();
    await signIn();
    await ensureWebDeployment();
    const rsBefore = await getJson<{ items: ReplicaSetJson[] }>(['replicasets', '-n', 'default', '-l', 'app=web']);
    expect(rsBefore.items).toHaveLength(1);
    const oldRs = rsBefore.items[0].metadata.name;
    await step('the workload page shows the Deployment settled on nginx:1.27', async () => {
      await open('/workloads/Deployment/default/web');
      await page.getByRole('heading', { level: 1, name: /web/ }).waitFor({ timeout: 20_000 });
      await eventually(
        `the rollout view with ${oldRs} as the only ReplicaSet, ${REPLICAS} available, complete`,
        async () => {
          const sides = await readReplicaSetSides(page);
          const phase = await page.locator('[data-testid="rollout-view"]').getAttribute('data-phase');
          return sides.length === 1 && sides[0].name === oldRs && sides[0].role === 'new' && sides[0].available === REPLICAS && sides[0].text.includes('nginx:1.27') && phase === 'complete';
        },
        30_000,
        async () => JSON.stringify(await readReplicaSetSides(page)),
      );
      await screenshot('workload-before-rollout');
    });
    await step('"Set image…" → nginx:1.28 → "Update image" changes the template', async () => {
      await page.getByRole('button', { name: /set image/i }).click();
      await page.getByTestId('set-image-input').fill('nginx:1.28');
      await page.getByRole('button', { name: /update image/i }).click();
      await eventually('the Deployment template at nginx:1.28 in the API', async () => (await deploymentImage()) === 'nginx:1.28', 20_000, () => visibleText(page));
    });
    // Watch the screen the whole way: every distinct (new, old) replica count the page shows.
    const seen: string[] = [];
    let intermediate: { old: ReplicaSetSide; fresh: ReplicaSetSide } | undefined;
    let shot = false;
    let overBudget: string | undefined;
    await step('the rollout progresses step by step, the old ReplicaSet scaling down as the new one scales up, to completion', async () => {
      await eventually(
        `the rollout to complete on the page: a new ReplicaSet with ${REPLICAS} available and ${oldRs} gone from the view`,
        async () => {
          const sides = await readReplicaSetSides(page);
          const fresh = sides.find((s) => s.role === 'new' && s.name !== oldRs);
          const old = sides.find((s) => s.name === oldRs);
          const state = `new ${fresh?.name ?? '-'} ${fresh?.replicas ?? 0}/${fresh?.available ?? 0} · old ${old?.replicas ?? 0}/${old?.available ?? 0}`;
          if (seen[seen.length - 1] !== state) seen.push(state);
          if (fresh && old && fresh.replicas > 0 && old.replicas > 0) {
            intermediate ??= { old, fresh };
            if (fresh.replicas + old.replicas > REPLICAS + 1) overBudget ??= state; // maxSurge 1
            if (!shot) {
              shot = true;
              await screenshot('rollout-intermediate');
            }
          }
          const phase = await page.locator('[data-testid="rollout-view"]').getAttribute('data-phase');
          return fresh && fresh.replicas === REPLICAS && fresh.available === REPLICAS && (!old || old.replicas === 0) && phase === 'complete';
        },
        150_000,
        async () => `states seen: ${seen.join(' → ')}`,
      );
      process.stderr.write(`[dashboard e2e] rollout states on screen: ${seen.join(' → ')}\n`);
      expect(overBudget).toBeUndefined();
      if (!intermediate) throw new Error(`the page never showed old and new ReplicaSets both with replicas; states seen: ${seen.join(' → ')}`);
      expect(intermediate.fresh.text).toContain('nginx:1.28');
      expect(intermediate.old.text).toContain('nginx:1.27');
      // Step by step: more than one intermediate state, and the step log lists the scaling steps.
      expect(seen.length).toBeGreaterThanOrEqual(3);
      expect(await page.locator('[data-testid="step-log"] [data-testid="step"]').count()).toBeGreaterThan(1);
      const fresh = (await readReplicaSetSides(page)).find((s) => s.role === 'new')!;
      expect(fresh.text).toContain('nginx:1.28');
      await screenshot('rollout-complete');
    });
  });

  test('roll back from the history to revision 1: the image is nginx:1.27 again', async () => {
    const { page, open, step, screenshot, kubectl, signIn } = dashboard();
    await signIn();
    await ensureWebDeployment();
    if ((await deploymentImage()) === 'nginx:1.27') {
      await kubectl(['set', 'image', 'deployment/web', 'web=nginx:1.28', '-n', 'default']);
      await kubectl(['rollout', 'status', 'deployment/web', '-n', 'default', '--timeout=120s']);
    }
    await step('the History tab lists revision 1 (nginx:1.27) and the current revision 2 (nginx:1.28)', async () => {
      await open('/workloads/Deployment/default/web');
      await page.getByRole('heading', { level: 1, name: /web/ }).waitFor({ timeout: 20_000 });
      const history = await openHistory(page);
      await eventually(
        'revisions 1 and 2 with their images, 2 current',
        async () => {
          const one = history.locator('[data-testid="revision"][data-revision="1"]');
          const two = history.locator('[data-testid="revision"][data-revision="2"]');
          return (await one.count()) === 1 && (await two.count()) === 1 && (await one.innerText()).includes('nginx:1.27') && (await two.innerText()).includes('nginx:1.28') && (await two.getAttribute('data-current')) === 'true';
        },
        20_000,
        async () => (await history.innerText()).slice(0, 800),
      );
      await screenshot('history');
    });
    await step('"Roll back to revision 1", confirmed, brings nginx:1.27 back', async () => {
      await clickRollbackTo(page, 1);
      await eventually('the Deployment template back at nginx:1.27 in the API', async () => (await deploymentImage()) === 'nginx:1.27', 30_000, () => visibleText(page));
      // The rolled-back template becomes the newest revision (3), the current one.
      await eventually(
        'revision 3 (nginx:1.27) current in the history',
        async () => {
          const three = page.locator('[data-testid="revision"][data-revision="3"]');
          return (await three.count()) === 1 && (await three.getAttribute('data-current')) === 'true' && (await three.innerText()).includes('nginx:1.27');
        },
        30_000,
        async () => (await page.locator('[data-testid="revision-history"]').innerText()).slice(0, 800),
      );
      await screenshot('history-rolled-back');
      await page.getByRole('tab', { name: /overview/i }).click();
      await eventually(
        `the rollout view settled on nginx:1.27 with ${REPLICAS} available`,
        async () => {
          const sides = await readReplicaSetSides(page);
          const fresh = sides.find((s) => s.role === 'new');
          return fresh && fresh.text.includes('nginx:1.27') && fresh.available === REPLICAS && sides.every((s) => s.role === 'new' || s.replicas === 0);
        },
        120_000,
        async () => JSON.stringify(await readReplicaSetSides(page)),
      );
      await screenshot('rolled-back');
    });
  });

  test('power a node off on its page: its pods move to the other nodes on the overview', async () => {
    const { page, open, step, screenshot, getJson, signIn } = dashboard();
    await signIn();
    await ensureWebDeployment();
    const pods = await getJson<{ items: { metadata: { name: string }; spec: { nodeName?: string } }[] }>(['pods', '-n', 'default', '-l', 'app=web']);
    const counts = new Map<string, number>();
    for (const pod of pods.items) if (pod.spec.nodeName) counts.set(pod.spec.nodeName, (counts.get(pod.spec.nodeName) ?? 0) + 1);
    const victim = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
    await step(`power off ${victim} from its node page`, async () => {
      await open(`/nodes/${victim}`);
      await page.getByRole('heading', { level: 1, name: new RegExp(victim) }).waitFor({ timeout: 20_000 });
      await screenshot(`node-${victim}-before`);
      await page.getByRole('button', { name: /^power off/i }).click();
      await confirmIfAsked(page, /^power off$/i);
      await eventually(`${victim} to be powered off in the API`, async () => {
        const node = await getJson<{ metadata: { annotations?: Record<string, string> } }>(['node', victim]);
        return node.metadata.annotations?.['sim.drydock.dev/power'] === 'off';
      }, 20_000, () => visibleText(page));
      await eventually('the node page to show it powered off', async () => /powered off|power on/i.test(await visibleText(page, 20_000)), 20_000, () => visibleText(page));
      await screenshot(`node-${victim}-powered-off`);
    });
    await step(`the overview shows ${victim} NotReady and web's ${REPLICAS} Running pods on the other nodes`, async () => {
      await open('/');
      await page.locator('[data-testid="node-tile"]').first().waitFor({ timeout: 30_000 });
      // Taint-based eviction after 300 simulated seconds (30 s at clock ×10), then replacement pods elsewhere.
      await eventually(
        `${REPLICAS} Running web tiles, none on ${victim}`,
        async () => {
          const running = tilesOf(await readGrid(page), 'default/web-').filter((t) => t.status === 'Running');
          return running.length === REPLICAS && running.every((t) => t.node && t.node !== victim);
        },
        150_000,
        async () => describeTiles(tilesOf(await readGrid(page), 'default/web-')),
      );
      const victimTile = page.locator(`[data-testid="node-tile"][data-node="${victim}"]`);
      expect(await victimTile.getAttribute('data-state')).toMatch(/poweredOff|notReady/i);
      expect(await victimTile.innerText()).toMatch(/powered off|NotReady/i);
      await screenshot('overview-pods-moved');
    });
  });

  test('a pod on one of 1,000 nodes: the grid draws only the cards on screen, the search finds the pod and its tile opens it', async () => {
    const { page, open, step, screenshot, dataDir, signIn } = dashboard();
    await signIn();
    // 997 Nodes written through the API beside the simulator's 3 (no kubelet: they turn NotReady, and a
    // NoSchedule taint keeps the story's pods off them), and one pod bound to a node deep in the grid.
    const client = createKubeClient(loadKubeconfig(join(dataDir, 'kubeconfig'), 'e2e-dashboard-grid'));
    try {
      await step('write 997 nodes and the pod needle on grid-0777', async () => {
        let next = 1;
        await Promise.all(
          Array.from({ length: 16 }, async () => {
            while (next <= GRID_NODES) await client.create(resources.nodes, '', gridNode(next++)).catch((error) => (isAlreadyExists(error) ? undefined : Promise.reject(error)));
          }),
        );
        await client.create(resources.pods, 'default', needlePod).catch((error) => (isAlreadyExists(error) ? undefined : Promise.reject(error)));
      });
    } finally {
      client.close();
    }
    const grid = page.locator('[data-testid="node-grid"]');
    await step('the overview lays out 1,000 nodes but puts only the cards near the screen in the page', async () => {
      await open('/');
      await eventually('the grid to lay out 1,000 nodes', async () => (await grid.getAttribute('data-nodes', { timeout: 30_000 })) === '1000', 60_000, () => visibleText(page));
      const drawn = await page.locator('[data-testid="node-tile"]').count();
      expect(drawn).toBeGreaterThan(0);
      expect(drawn).toBeLessThan(300);
      // Scrolling to the end draws the last cards (natural order: grid-0001 … grid-0997, node-1 … node-3).
      // End again while the panels above the grid are still growing (the summary loads after the grid).
      const last = page.locator('[data-testid="node-tile"][data-node="node-3"]');
      await eventually('the last node card drawn after End', async () => (await page.keyboard.press('End'), (await last.count()) > 0), 20_000, () => visibleText(page));
      expect(await page.locator('[data-testid="node-tile"][data-node="grid-0001"]').count()).toBe(0);
      await page.keyboard.press('Home');
    });
    await step('searching for needle leaves grid-0777 with its tile, named after the pod; the tile opens the pod', async () => {
      await page.getByRole('searchbox', { name: /search pods/i }).fill('needle');
      const card = page.locator('[data-testid="node-tile"][data-node="grid-0777"]');
      await card.waitFor({ timeout: 20_000 });
      expect(await page.locator('[data-testid="node-tile"]').count()).toBe(1);
      const tile = card.getByRole('link', { name: /default\/needle/ });
      expect(await tile.getAttribute('data-status')).toBe('Pending');
      await screenshot('grid-1000-nodes-search');
      await tile.click();
      await page.waitForURL((u) => u.pathname === '/pods/default/needle', { timeout: 20_000 });
      await page.getByRole('heading', { level: 1, name: /needle/ }).waitFor({ timeout: 20_000 });
    });
  });
});

const GRID_NODES = 997;

/** Node `grid-NNNN`: Ready when written (no kubelet renews it), tainted so nothing is scheduled there. */
function gridNode(i: number): KubeObject {
  const name = `grid-${String(i).padStart(4, '0')}`;
  const resources = { cpu: '8', memory: '32Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'drydock.dev/e2e': 'grid' } },
    spec: { taints: [{ key: 'drydock.dev/e2e', value: 'grid', effect: 'NoSchedule' }] },
    status: { capacity: resources, allocatable: resources, conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: new Date().toISOString() }] },
  };
}

/** A pod bound to grid-0777 that tolerates its node going NotReady (no eviction while the test runs). */
const needlePod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'needle', namespace: 'default', labels: { app: 'needle' } },
  spec: {
    nodeName: 'grid-0777',
    containers: [{ name: 'app', image: 'nginx:1.27' }],
    tolerations: [{ operator: 'Exists' }],
  },
};

/** One ReplicaSet of the rollout view as the workload page shows it. */
interface ReplicaSetSide {
  name: string;
  role: string;
  replicas: number;
  available: number;
  /** The panel's text (its images among it). */
  text: string;
}

/** The rollout view's ReplicaSet panels: `data-testid="rollout-replicaset"` with `data-replicaset`, `data-role`, `data-replicas`, `data-available`. */
async function readReplicaSetSides(page: Page): Promise<ReplicaSetSide[]> {
  return (await page.evaluate(`[...document.querySelectorAll('[data-testid="rollout-replicaset"]')].map((el) => ({
    name: el.getAttribute('data-replicaset'),
    role: el.getAttribute('data-role'),
    replicas: Number(el.getAttribute('data-replicas')),
    available: Number(el.getAttribute('data-available')),
    text: el.innerText,
  }))`)) as ReplicaSetSide[];
}

/** Opens the History tab of the workload page and returns the revision table. */
async function openHistory(page: Page) {
  await page.getByRole('tab', { name: /history/i }).click();
  const history = page.locator('[data-testid="revision-history"]');
  await history.waitFor({ timeout: 20_000 });
  return history;
}

/** "Roll back to revision N" on the revision's row, then the confirmation. */
async function clickRollbackTo(page: Page, revision: number): Promise<void> {
  const row = page.locator(`[data-testid="revision"][data-revision="${revision}"]`);
  await row.getByRole('button', { name: new RegExp(`roll back to revision ${revision}`, 'i') }).click();
  const confirm = page.getByRole('alertdialog').getByRole('button', { name: new RegExp(`roll back to ${revision}`, 'i') });
  await confirm.click();
}

/** Clicks the confirm button of a confirmation dialog (role dialog), if the page opened one. */
async function confirmIfAsked(page: Page, name: RegExp): Promise<void> {
  const dialog = page.getByRole('dialog');
  try {
    await dialog.waitFor({ timeout: 1500 });
  } catch {
    return;
  }
  await dialog.getByRole('button', { name }).click();
}
