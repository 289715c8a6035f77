import { useDashboard, eventually } from './support/use-dashboard';

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
});
