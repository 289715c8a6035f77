import type { Page } from 'playwright-core';
import { visibleText } from './support/screen';
import { eventually, useDashboard } from './support/use-dashboard';

/**
 * The pod pages a user opens when something is off (issue 4, "What must be shown"): a Pending pod's
 * scheduling reasons, a pod's logs followed live, and `env` in the pod's terminal. One Drydock (3 nodes,
 * clock ×10) for the file; the browser signs in through the sign-in page first.
 */
const dashboard = useDashboard({ name: 'pod-tools', nodes: 3 });

const hungryPod = `apiVersion: v1
kind: Pod
metadata:
  name: hungry
  namespace: default
spec:
  containers:
    - name: app
      image: nginx:1.27
      resources:
        requests:
          cpu: "64"
`;

/** A busybox that prints a numbered line every 10 simulated seconds (1 s at clock ×10) and keeps running. */
const talkerPod = `apiVersion: v1
kind: Pod
metadata:
  name: talker
  namespace: default
spec:
  containers:
    - name: talk
      image: busybox:1.36
      command: ["sh", "-c", "while true; do echo hello-from-talker; sleep 10; done"]
`;

async function podPhase(name: string): Promise<string | undefined> {
  const pod = await dashboard().getJson<{ status?: { phase?: string } }>(['pod', name, '-n', 'default']);
  return pod.status?.phase;
}

describe('a pod from the inside: scheduling reasons, logs, terminal', () => {
  beforeAll(async () => {
    const { kubectl } = dashboard();
    await kubectl(['apply', '-f', '-'], hungryPod + '---\n' + talkerPod);
    await dashboard().signIn();
  });

  test('a Pending pod requesting 64 CPUs: the scheduling tab says, for each node, why it said no', async () => {
    const { page, open, step, screenshot, getJson } = dashboard();
    await eventually('the scheduler to record its reasons on hungry', async () => {
      const pod = await getJson<{ status?: { phase?: string; conditions?: { type: string; status: string; reason?: string }[] } }>(['pod', 'hungry', '-n', 'default']);
      return pod.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable');
    }, 30_000);
    await step('the Scheduling tab says why: each of node-1, node-2, node-3 has too little CPU, in plain words', async () => {
      await open('/pods/default/hungry?tab=scheduling');
      await page.getByRole('heading', { level: 1, name: 'hungry' }).waitFor({ timeout: 20_000 });
      const reasons = page.locator('[data-testid="scheduling-reasons"]');
      await reasons.waitFor({ timeout: 20_000 });
      await eventually(
        'a verdict for each of the 3 nodes',
        async () => (await reasons.locator('[data-testid="scheduling-node"]').count()) === 3,
        30_000,
        async () => (await reasons.innerText()).slice(0, 1500),
      );
      for (const node of ['node-1', 'node-2', 'node-3']) {
        const verdict = reasons.locator(`[data-testid="scheduling-node"][data-node="${node}"]`);
        // Plain words about CPU: what the node has against the 64 cores asked for.
        expect(await verdict.innerText()).toMatch(/cpu/i);
      }
      // The scheduler's own message, as kubectl describe shows it.
      expect(await reasons.innerText()).toMatch(/0\/3 nodes are available: 3 Insufficient cpu/);
      expect(await page.getByRole('heading', { name: /not scheduled/i }).count()).toBe(1);
      await screenshot('pending-pod-scheduling');
    });
  });

  test("follow a pod's logs: its lines appear and keep coming", async () => {
    const { page, open, step, screenshot } = dashboard();
    await eventually('talker Running', async () => (await podPhase('talker')) === 'Running', 60_000);
    await step('the Logs tab streams hello-from-talker lines, and new ones keep arriving', async () => {
      await open('/pods/default/talker?tab=logs');
      const lines = page.locator('[data-testid="log-line"]');
      const first = await eventually(
        'log lines on the page',
        async () => {
          const texts = await lines.allInnerTexts();
          return texts.some((t) => t.includes('hello-from-talker')) ? await lastSeq(page) : undefined;
        },
        30_000,
        () => visibleText(page, 1500),
      );
      await screenshot('pod-logs');
      // Following: lines printed after the page opened arrive (one every 10 simulated seconds = 1 s here).
      await eventually(`log lines after #${first} (streaming)`, async () => (await lastSeq(page)) >= first + 2, 30_000, async () => `last line #${await lastSeq(page)}`);
      const texts = await lines.allInnerTexts();
      expect(texts.filter((t) => t.includes('hello-from-talker')).length).toBeGreaterThanOrEqual(3);
      await screenshot('pod-logs-followed');
    });
  });

  test('run env in the terminal: the container environment is printed', async () => {
    const { page, open, step, screenshot } = dashboard();
    await eventually('talker Running', async () => (await podPhase('talker')) === 'Running', 60_000);
    await step('the terminal tab opens a shell; `env` prints HOSTNAME=talker and KUBERNETES_SERVICE_HOST=', async () => {
      await open('/pods/default/talker?tab=terminal');
      await page.locator('[data-testid="terminal"][data-ready="true"]').waitFor({ timeout: 30_000 });
      await page.locator('[data-testid="terminal"] .xterm').click();
      await page.keyboard.type('env');
      await page.keyboard.press('Enter');
      await eventually(
        'HOSTNAME=talker and KUBERNETES_SERVICE_HOST= in the terminal',
        async () => {
          const text = await terminalText(page);
          return text.includes('HOSTNAME=talker') && text.includes('KUBERNETES_SERVICE_HOST=');
        },
        30_000,
        async () => (await terminalText(page)).slice(0, 1500),
      );
      await screenshot('terminal-env');
    });
  });
});

/** The highest `data-seq` of the log lines on the page (0 when none). */
async function lastSeq(page: Page): Promise<number> {
  const seqs = (await page.evaluate(`[...document.querySelectorAll('[data-testid="log-line"]')].map((el) => Number(el.getAttribute('data-seq')))`)) as number[];
  return seqs.length ? Math.max(...seqs) : 0;
}

/** What xterm.js shows: its DOM renderer's rows (or its accessibility tree). */
async function terminalText(page: Page): Promise<string> {
  const rows = page.locator('.xterm-rows, .xterm-accessibility-tree');
  if (!(await rows.count())) return '';
  return (await rows.allInnerTexts()).join('\n').replace(/\u00a0/g, ' ');
}
