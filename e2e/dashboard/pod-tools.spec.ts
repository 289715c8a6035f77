import type { Page } from 'playwright-core';
import { visibleText } from './support/screen';
import { eventually, useDashboard } from './support/use-dashboard';

/**
 * The pod pages a user opens when something is off (issue 4, "What must be shown"): a Pending pod's
 * scheduling reasons, a pod's logs followed live, and the pod's terminal (a real `sh` over pods/exec). One Drydock (3 nodes,
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

  test('the terminal is sh in the container: env, a line edited with the arrows, history, Ctrl-C stops sleep, Ctrl-D ends it', async () => {
    const { page, open, step, screenshot } = dashboard();
    await eventually('talker Running', async () => (await podPhase('talker')) === 'Running', 60_000);
    const screen = () => terminalText(page);
    const showing = (what: string, check: (text: string) => boolean) => eventually(what, async () => check(await screen()), 30_000, async () => (await screen()).slice(-1500));
    await step('the terminal tab opens a shell; `env` prints HOSTNAME=talker and KUBERNETES_SERVICE_HOST=', async () => {
      await open('/pods/default/talker?tab=terminal');
      await page.locator('[data-testid="terminal"][data-ready="true"]').waitFor({ timeout: 30_000 });
      await showing('the shell prompt', (text) => /\/ # *$/.test(text.trimEnd() + ' '));
      await page.locator('[data-testid="terminal"] .xterm').click();
      await page.keyboard.type('env');
      await page.keyboard.press('Enter');
      await showing('HOSTNAME=talker and KUBERNETES_SERVICE_HOST= in the terminal', (text) => text.includes('HOSTNAME=talker') && text.includes('KUBERNETES_SERVICE_HOST='));
      await screenshot('terminal-env');
    });
    await step('one shell: cd and a variable carry over; ← edits the line; ↑ recalls it', async () => {
      await page.keyboard.type('cd /tmp; X=42');
      await page.keyboard.press('Enter');
      await showing('the /tmp prompt', (text) => text.includes('/tmp #'));
      await page.keyboard.type('echo val-$X-c');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.type('b');
      await page.keyboard.press('Enter');
      await showing('val-42-bc', (text) => text.includes('\nval-42-bc'));
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Enter');
      await showing('val-42-bc twice', (text) => text.split('\n').filter((row) => row.trim() === 'val-42-bc').length === 2);
      await screenshot('terminal-editing');
    });
    await step('Ctrl-C stops `sleep 1000` and gives the prompt back; Ctrl-D ends the shell', async () => {
      await page.keyboard.type('sleep 1000; echo not-reached');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Control+C');
      await showing('^C and a new prompt', (text) => /\^C\s*\n\/tmp # *$/.test(text.trimEnd() + ' '));
      await page.keyboard.type('echo status-$?');
      await page.keyboard.press('Enter');
      await showing('status-130', (text) => text.includes('\nstatus-130'));
      await page.keyboard.press('Control+D');
      await showing('the shell ended', (text) => text.includes('[shell ended: exit code 0]'));
      expect(await screen()).not.toMatch(/\nnot-reached/);
      await screenshot('terminal-ctrl-c');
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
