import type { Page } from 'playwright-core';
import { useDashboard, eventually } from './support/use-dashboard';

/** What xterm.js shows: its DOM renderer's rows (or its accessibility tree). */
async function terminalText(page: Page): Promise<string> {
  const rows = page.locator('.xterm-rows, .xterm-accessibility-tree');
  if (!(await rows.count())) return '';
  return (await rows.allInnerTexts()).join('\n').replace(/\u00a0/g, ' ');
}

/**
 * The control plane as parts (issue 13): each kubeadm component's health, its leader, what it is doing
 * now, and its logs, in a real Chromium against a Drydock started with its controlplane node.
 */
const dashboard = useDashboard({ name: 'control-plane', nodes: 2, controlPlane: true });

describe('the control-plane page', () => {
  beforeAll(async () => {
    await dashboard().signIn();
  });

  test('shows etcd, the API server, the controller-manager and the scheduler healthy, with leaders, queues and the store\'s write rate', async () => {
    const { page, open, step, screenshot, kubectl } = dashboard();
    await kubectl(['create', 'deployment', 'web', '--image=nginx', '--replicas=2']);
    await step('four cards, each Running, once the mirror pods are Ready', async () => {
      await open('/control-plane');
      await page.getByRole('heading', { level: 1, name: 'Control plane' }).waitFor({ timeout: 20_000 });
      await page.getByText('Every component is healthy.').waitFor({ timeout: 90_000 });
      for (const name of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
        const card = page.getByTestId(`component-${name}`);
        await card.getByText('Running').waitFor({ timeout: 10_000 });
        await card.getByText(`${name}-controlplane`).waitFor({ timeout: 10_000 });
      }
    });
    await step('the scheduler and the controller-manager name their Lease holder; the store shows its revision and write rate', async () => {
      const scheduler = page.getByTestId('component-kube-scheduler');
      await scheduler.getByText('Leader').waitFor({ timeout: 30_000 });
      await scheduler.getByText('Scheduling queue').waitFor();
      await scheduler.getByText(/^scheduler_pending_pods: \d+ active, \d+ backoff, \d+ unschedulable$/).waitFor({ timeout: 30_000 });
      const controllers = page.getByTestId('component-kube-controller-manager');
      await controllers.getByText('Leader').waitFor({ timeout: 30_000 });
      await controllers.getByText('Work queues').waitFor({ timeout: 30_000 });
      const etcd = page.getByTestId('component-etcd');
      await etcd.getByText('Revision').waitFor();
      await eventually('a write rate from two samples', async () => /\d+\.\d\/s/.test(await etcd.innerText()), 30_000);
      await screenshot('control-plane');
    });
    await step("the scheduler's Logs link opens its pod's logs with the real scheduler's lines", async () => {
      await page.getByTestId('component-kube-scheduler').getByRole('link', { name: 'Logs' }).click();
      await page.waitForURL((url) => url.pathname === '/pods/kube-system/kube-scheduler-controlplane' && url.searchParams.get('tab') === 'logs', { timeout: 20_000 });
      await page.getByText(/scheduler started \(default-scheduler\)/).first().waitFor({ timeout: 30_000 });
      await screenshot('scheduler-logs');
    });
  });

  test('a node\'s page opens a shell on it as kubectl debug node does: crictl ps and systemctl status kubelet through chroot /host', async () => {
    const { page, open, step, screenshot, getJson } = dashboard();
    const screen = () => terminalText(page);
    const showing = (what: string, check: (text: string) => boolean) => eventually(what, async () => check(await screen()), 30_000, async () => (await screen()).slice(-1500));
    await step('Open a shell on node-1 makes a node-debugger pod and a terminal in it', async () => {
      await open('/nodes/node-1');
      await page.getByRole('button', { name: 'Open a shell' }).click();
      await page.locator('[data-testid="terminal"][data-ready="true"]').waitFor({ timeout: 60_000 });
      await showing('the busybox prompt', (text) => /\/ # *$/.test(`${text.trimEnd()} `));
      const pods = await getJson<{ items: { metadata: { name: string }; spec: { nodeName: string; hostPID: boolean; volumes: { name: string; hostPath?: { path: string } }[] } }[] }>(['pods']);
      const debugger1 = pods.items.find((pod) => pod.metadata.name.startsWith('node-debugger-node-1-'));
      expect(debugger1?.spec).toMatchObject({ nodeName: 'node-1', hostPID: true });
      expect(debugger1?.spec.volumes).toContainEqual(expect.objectContaining({ name: 'host-root', hostPath: expect.objectContaining({ path: '/' }) }));
    });
    await step('chroot /host crictl ps lists the node\'s containers; systemctl status kubelet says it runs', async () => {
      await page.locator('[data-testid="terminal"] .xterm').click();
      await page.keyboard.type('chroot /host crictl ps');
      await page.keyboard.press('Enter');
      await showing('crictl ps with kube-proxy and the debugger', (text) => /CONTAINER\s+IMAGE\s+CREATED\s+STATE\s+NAME/.test(text) && /Running\s+kube-proxy\s/.test(text) && /Running\s+debugger\s/.test(text));
      await page.keyboard.type('chroot /host systemctl status kubelet');
      await page.keyboard.press('Enter');
      await showing('the kubelet active', (text) => text.includes('Active: active (running)'));
      await screenshot('node-shell');
    });
  });
});
