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

async function signIn(): Promise<void> {
  const { page, open, token, step } = dashboard();
  await step('sign in with the admin token', async () => {
    await open('/login');
    await page.getByLabel('Token').fill(token);
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.waitForURL((u) => u.pathname === '/', { timeout: 20_000 });
  });
}

async function podPhase(name: string): Promise<string | undefined> {
  const pod = await dashboard().getJson<{ status?: { phase?: string } }>(['pod', name, '-n', 'default']);
  return pod.status?.phase;
}

describe('a pod from the inside: scheduling reasons, logs, terminal', () => {
  beforeAll(async () => {
    const { kubectl } = dashboard();
    await kubectl(['apply', '-f', '-'], hungryPod + '---\n' + talkerPod);
    await signIn();
  });

  test('a Pending pod requesting 64 CPUs: the scheduling tab says, for each node, why it said no', async () => {
    const { page, open, step, screenshot, getJson } = dashboard();
    await eventually('the scheduler to record its reasons on hungry', async () => {
      const pod = await getJson<{ status?: { phase?: string; conditions?: { type: string; status: string; reason?: string }[] } }>(['pod', 'hungry', '-n', 'default']);
      return pod.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable');
    }, 30_000);
    await step('the scheduling tab lists node-1, node-2 and node-3 with "insufficient cpu" in plain words', async () => {
      await open('/pods/default/hungry?tab=scheduling');
      await page.getByRole('heading', { name: /hungry/ }).first().waitFor({ timeout: 20_000 });
      await eventually(
        'a verdict for every node naming CPU',
        async () => {
          const text = await visibleText(page, 50_000);
          return ['node-1', 'node-2', 'node-3'].every((node) => text.includes(node)) && /insufficient cpu|not enough cpu|cpu/i.test(text) && /pending/i.test(text);
        },
        30_000,
        () => visibleText(page, 1500),
      );
      // Each node's verdict names the reason: the node's row/card holds "cpu".
      for (const node of ['node-1', 'node-2', 'node-3']) {
        const verdict = page.locator('[data-testid="node-verdict"], [data-testid="row"], li, tr').filter({ hasText: node }).filter({ hasText: /cpu/i });
        expect(await verdict.count()).toBeGreaterThan(0);
      }
      expect(await visibleText(page, 50_000)).toMatch(/0\/3 nodes are available|insufficient cpu/i);
      await screenshot('pending-pod-scheduling');
    });
  });

  test("follow a pod's logs: its lines appear and keep coming", async () => {
    const { page, open, step, screenshot } = dashboard();
    await eventually('talker Running', async () => (await podPhase('talker')) === 'Running', 60_000);
    await step('the logs tab streams hello-from-talker lines', async () => {
      await open('/pods/default/talker?tab=logs');
      const first = await eventually('a log line on the page', async () => {
        const n = countOf(await logText(page), 'hello-from-talker');
        return n > 0 ? n : undefined;
      }, 30_000, () => visibleText(page, 1500));
      await screenshot('pod-logs');
      // Following: new lines arrive while the page is open (one every simulated 10 s = 1 s here).
      await eventually(`more than ${first} lines (new lines streaming in)`, async () => countOf(await logText(page), 'hello-from-talker') > first + 1, 30_000, async () => `${countOf(await logText(page), 'hello-from-talker')} lines`);
      await screenshot('pod-logs-followed');
    });
  });

  test('run env in the terminal: the container environment is printed', async () => {
    const { page, open, step, screenshot } = dashboard();
    await eventually('talker Running', async () => (await podPhase('talker')) === 'Running', 60_000);
    await step('the terminal tab opens a shell; `env` prints HOSTNAME=talker and KUBERNETES_SERVICE_HOST=', async () => {
      await open('/pods/default/talker?tab=terminal');
      const terminal = page.locator('.xterm').first();
      await terminal.waitFor({ timeout: 30_000 });
      await terminal.click();
      // Give the shell a moment to connect, then type as a user does.
      await page.waitForTimeout(1000);
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

function countOf(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/** The log viewer's text: `data-testid="log-lines"` if present, else the whole page. */
async function logText(page: Page): Promise<string> {
  const viewer = page.locator('[data-testid="log-lines"], [data-testid="logs"]');
  if (await viewer.count()) return viewer.first().innerText();
  return page.locator('body').innerText();
}

/** What xterm.js shows: its DOM renderer's rows (or its accessibility tree). */
async function terminalText(page: Page): Promise<string> {
  const rows = page.locator('.xterm-rows, .xterm-accessibility-tree');
  if (!(await rows.count())) return '';
  return (await rows.allInnerTexts()).join('\n').replace(/\u00a0/g, ' ');
}
