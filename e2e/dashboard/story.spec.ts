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
  test('sign-in refuses a wrong token and accepts the admin token', async () => {
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
      const alert = page.getByRole('alert');
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
  });

  test('apply a Deployment from the editor: the preview says created, Apply creates it, its pods appear on the node grid', async () => {
    const { page, open, step, screenshot, getJson } = dashboard();
    await step('the Apply page previews the YAML as "created" (server dry run)', async () => {
      await open('/apply');
      await pasteIntoEditor(page, deploymentYaml);
      await page.getByRole('button', { name: /preview|dry.run/i }).first().click();
      await eventually('the preview to list deployment "web" as created', async () => /created/i.test(await visibleText(page, 20_000)) && /\bweb\b/.test(await visibleText(page, 20_000)), 20_000, () => visibleText(page));
      await screenshot('apply-preview-created');
      // A dry run creates nothing.
      expect((await dashboard().kubectlResult(['get', 'deployment', 'web', '-n', 'default'])).code).not.toBe(0);
    });
    await step('Apply creates the Deployment', async () => {
      await page.getByRole('button', { name: /^apply/i }).last().click();
      await eventually('the Deployment to exist in the API', async () => (await dashboard().kubectlResult(['get', 'deployment', 'web', '-n', 'default'])).code === 0, 20_000, () => visibleText(page));
      await eventually('the page to report deployment "web" created', async () => /created/i.test(await visibleText(page, 20_000)), 10_000, () => visibleText(page));
      expect(await deploymentImage()).toBe('nginx:1.27');
      await screenshot('apply-applied');
    });
    await step(`the overview's node grid shows the ${REPLICAS} pods as Running tiles on their nodes`, async () => {
      await open('/');
      await page.locator('[data-testid="node-tile"]').first().waitFor({ timeout: 30_000 });
      const pods = await getJson<{ items: { metadata: { name: string }; spec: { nodeName?: string } }[] }>(['pods', '-n', 'default', '-l', 'app=web']);
      const grid = await eventually(
        `${REPLICAS} Running pod tiles of web on the node grid`,
        async () => {
          const seen = await readGrid(page);
          const running = tilesOf(seen, 'default/web-').filter((t) => t.status === 'Running');
          return running.length === REPLICAS ? seen : undefined;
        },
        90_000,
        async () => describeTiles(tilesOf(await readGrid(page), 'default/web-')),
      );
      expect(grid.nodes.sort()).toEqual(expect.arrayContaining(['node-1', 'node-2', 'node-3'].filter((n) => grid.nodes.includes(n))));
      expect(grid.nodes.length).toBe(3);
      // Each tile sits in the tile of the node the API says the pod runs on.
      const live = await getJson<{ items: { metadata: { name: string }; spec: { nodeName?: string } }[] }>(['pods', '-n', 'default', '-l', 'app=web']);
      for (const tile of tilesOf(grid, 'default/web-')) {
        const pod = live.items.find((p) => `default/${p.metadata.name}` === tile.pod);
        expect(pod).toBeDefined();
        expect(tile.node).toBe(pod!.spec.nodeName);
      }
      expect(pods.items.length).toBeGreaterThanOrEqual(REPLICAS);
      await screenshot('overview-web-pods');
    });
  });

  test('change its image: the workload page shows the rollout step by step, old and new ReplicaSets side by side, to the end', async () => {
    const { page, open, step, screenshot, kubectl, getJson } = dashboard();
    await ensureWebDeployment();
    await step('the workload page shows the Deployment before the change', async () => {
      await open('/workloads/Deployment/default/web');
      await page.getByRole('heading', { name: /web/ }).first().waitFor({ timeout: 20_000 });
      await eventually('the image nginx:1.27 on the workload page', async () => (await visibleText(page, 50_000)).includes('nginx:1.27'), 20_000, () => visibleText(page));
      await screenshot('workload-before-rollout');
    });
    const rsBefore = await getJson<{ items: ReplicaSetJson[] }>(['replicasets', '-n', 'default', '-l', 'app=web']);
    expect(rsBefore.items).toHaveLength(1);
    const oldRs = rsBefore.items[0].metadata.name;
    await kubectl(['set', 'image', 'deployment/web', 'web=nginx:1.28', '-n', 'default']);
    const newRs = await eventually('the new ReplicaSet', async () => {
      const list = await getJson<{ items: ReplicaSetJson[] }>(['replicasets', '-n', 'default', '-l', 'app=web']);
      return list.items.find((rs) => rs.metadata.name !== oldRs)?.metadata.name;
    });
    await step('an intermediate step: old and new ReplicaSets both have replicas, side by side', async () => {
      const seen = await eventually(
        `the rollout panel showing ${oldRs} and ${newRs} both with replicas`,
        async () => {
          const sides = await readReplicaSetSides(page);
          const old = sides.find((s) => s.name === oldRs);
          const fresh = sides.find((s) => s.name === newRs);
          return old && fresh && old.replicas > 0 && fresh.replicas > 0 && fresh.replicas < REPLICAS + 1 ? { old, fresh } : undefined;
        },
        60_000,
        async () => JSON.stringify(await readReplicaSetSides(page)),
      );
      await screenshot('rollout-intermediate');
      expect(seen.old.replicas + seen.fresh.replicas).toBeLessThanOrEqual(REPLICAS + 1); // maxSurge 1
    });
    await step(`the final state: the new ReplicaSet has all ${REPLICAS} replicas, the old none, the rollout complete`, async () => {
      await eventually(
        `${newRs} at ${REPLICAS} and ${oldRs} at 0 on the page`,
        async () => {
          const sides = await readReplicaSetSides(page);
          return sides.find((s) => s.name === newRs)?.replicas === REPLICAS && (sides.find((s) => s.name === oldRs)?.replicas ?? 0) === 0;
        },
        120_000,
        async () => JSON.stringify(await readReplicaSetSides(page)),
      );
      await eventually('nginx:1.28 on the page', async () => (await visibleText(page, 50_000)).includes('nginx:1.28'), 20_000, () => visibleText(page));
      await screenshot('rollout-complete');
    });
  });

  test('roll back from the history to revision 1: the image is nginx:1.27 again', async () => {
    const { page, open, step, screenshot, kubectl } = dashboard();
    await ensureWebDeployment();
    if ((await deploymentImage()) === 'nginx:1.27') {
      await kubectl(['set', 'image', 'deployment/web', 'web=nginx:1.28', '-n', 'default']);
      await kubectl(['rollout', 'status', 'deployment/web', '-n', 'default', '--timeout=120s']);
    }
    await step('the history lists revisions 1 and 2 with their images', async () => {
      await open('/workloads/Deployment/default/web');
      const history = await openHistory(page);
      await eventually('revisions 1 and 2 in the history', async () => {
        const text = await history.innerText();
        return /\b1\b/.test(text) && /\b2\b/.test(text) && text.includes('nginx:1.27') && text.includes('nginx:1.28');
      }, 20_000, async () => (await history.innerText()).slice(0, 800));
      await screenshot('history');
    });
    await step('"Roll back" on revision 1 brings nginx:1.27 back', async () => {
      await clickRollbackTo(page, 1);
      await eventually('the Deployment template back at nginx:1.27', async () => (await deploymentImage()) === 'nginx:1.27', 30_000, () => visibleText(page));
      await kubectl(['rollout', 'status', 'deployment/web', '-n', 'default', '--timeout=120s']);
      await eventually('the page showing nginx:1.27 as the current image', async () => {
        const sides = await readReplicaSetSides(page);
        const current = sides.find((s) => s.replicas === REPLICAS);
        return current?.images.includes('nginx:1.27') || false;
      }, 30_000, async () => JSON.stringify(await readReplicaSetSides(page)));
      await screenshot('rolled-back');
    });
  });

  test('power a node off on its page: its pods move to the other nodes on the overview', async () => {
    const { page, open, step, screenshot, getJson } = dashboard();
    await ensureWebDeployment();
    const pods = await getJson<{ items: { metadata: { name: string }; spec: { nodeName?: string } }[] }>(['pods', '-n', 'default', '-l', 'app=web']);
    const counts = new Map<string, number>();
    for (const pod of pods.items) if (pod.spec.nodeName) counts.set(pod.spec.nodeName, (counts.get(pod.spec.nodeName) ?? 0) + 1);
    const victim = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
    await step(`power off ${victim} from its node page`, async () => {
      await open(`/nodes/${victim}`);
      await page.getByRole('heading', { name: victim }).first().waitFor({ timeout: 20_000 });
      await screenshot(`node-${victim}-before`);
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: /power off/i }).click();
      await confirmIfAsked(page, /power off/i);
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
      expect(await victimTile.innerText()).toMatch(/NotReady|Unknown|powered off|off/i);
      await screenshot('overview-pods-moved');
    });
  });
});

/** One ReplicaSet of the rollout panel as the workload page shows it. */
interface ReplicaSetSide {
  name: string;
  replicas: number;
  images: string;
}

/**
 * The rollout panel's ReplicaSets: elements with `data-testid="replicaset"` (`data-rs`/`data-name`,
 * `data-replicas`); the replicas from the attribute, or else the first "N/M" or number in the element.
 */
async function readReplicaSetSides(page: import('playwright-core').Page): Promise<ReplicaSetSide[]> {
  return (await page.evaluate(`(() => [...document.querySelectorAll('[data-testid="replicaset"],[data-testid="rs-side"]')].map((el) => {
    const text = el.innerText || '';
    const attr = el.getAttribute('data-replicas');
    const match = text.match(/(\\d+)\\s*\\/\\s*\\d+/) || text.match(/replicas\\D*(\\d+)/i);
    return {
      name: el.getAttribute('data-rs') || el.getAttribute('data-name') || (text.match(/web-[a-z0-9]+/) || [''])[0],
      replicas: attr !== null ? Number(attr) : match ? Number(match[1]) : -1,
      images: el.getAttribute('data-images') || text,
    };
  }))()`)) as ReplicaSetSide[];
}

/** Opens the revision history (a tab, a section or a link named History) and returns its region. */
async function openHistory(page: import('playwright-core').Page) {
  const tab = page.getByRole('tab', { name: /history|revisions/i });
  if (await tab.count()) await tab.first().click();
  else {
    const link = page.getByRole('link', { name: /history|revisions/i }).or(page.getByRole('button', { name: /^(history|revisions)/i }));
    if (await link.count()) await link.first().click();
  }
  const history = page.locator('[data-testid="rollout-history"],[data-testid="history"]');
  await history.first().waitFor({ timeout: 20_000 });
  return history.first();
}

async function clickRollbackTo(page: import('playwright-core').Page, revision: number): Promise<void> {
  const row = page.locator(`[data-testid="revision"][data-revision="${revision}"]`);
  page.once('dialog', (dialog) => void dialog.accept());
  await row.getByRole('button', { name: /roll ?back/i }).click();
  await confirmIfAsked(page, /roll ?back/i);
}

/** Clicks the confirm button of a confirmation dialog (role dialog), if the page opened one. */
async function confirmIfAsked(page: import('playwright-core').Page, name: RegExp): Promise<void> {
  const dialog = page.getByRole('dialog');
  try {
    await dialog.waitFor({ timeout: 1500 });
  } catch {
    return;
  }
  await dialog.getByRole('button', { name }).click();
}
