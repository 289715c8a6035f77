import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { parse } from 'yaml';
import { launchDrydock, RunningDrydock } from '@drydock/launcher';
import { findFreePort } from '@drydock/storage';
import { buildDashboardIfStale, repoRoot, withStartLock } from './dashboard-build';
import { KubectlResult, runKubectl } from './kubectl';

/** Where the tests save what the browser showed (tmp/ is gitignored). */
export const screenshotDir = join(repoRoot, 'tmp', 'dashboard-screenshots');

export interface DashboardSession {
  /** The dashboard's base URL, http://127.0.0.1:<port>. */
  url: string;
  dataDir: string;
  /** The admin token from `<dataDir>/kubeconfig` (what `npm start`'s sign-in link carries). */
  token: string;
  browser: Browser;
  /** One browser context (1366×768) for the spec file: its pages share the session cookie. */
  context: BrowserContext;
  /** The context's first page, signed out at first. */
  page: Page;
  /** kubectl with this Drydock's kubeconfig; fails the test with kubectl's output unless it exits 0. */
  kubectl(args: string[], stdin?: string): Promise<string>;
  /** kubectl that may fail. */
  kubectlResult(args: string[], stdin?: string): Promise<KubectlResult>;
  /** `kubectl get … -o json`, parsed. */
  getJson<T = unknown>(args: string[]): Promise<T>;
  /** Signs in through the sign-in page with the admin token, unless this browser already has a session. */
  signIn(): Promise<void>;
  /** Opens `path` on the dashboard and fails clearly when the page does not exist (Next's 404). */
  open(path: string): Promise<void>;
  /** Saves a full-page screenshot (of `page`, or of `target`) as tmp/dashboard-screenshots/<spec>-<nn>-<name>.png. */
  screenshot(name: string, target?: Page): Promise<string>;
  /**
   * One step of the story: runs `fn`; on failure saves a `FAILED` screenshot and rethrows with the page's
   * URL, its visible text and the browser's errors, so the report says what the user saw.
   */
  step<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

export interface UseDashboardOptions {
  /** Names the temp directory and the screenshots. */
  name: string;
  /** Simulated nodes (default 3). */
  nodes?: number;
  /** Run the controlplane node with Drydock's processes as kubeadm's static pods (npm start's default; off here unless asked). */
  controlPlane?: boolean;
}

/**
 * One real Drydock for the calling spec file, started with `@drydock/launcher` as `npm start` does (embedded
 * PostgreSQL, API server, controller-manager, scheduler, node simulator, dashboard; simulated clock ×10),
 * on free ports, plus a headless Debian Chromium driven by playwright-core. Started in beforeAll, stopped
 * and removed in afterAll (DRYDOCK_E2E_KEEP=1 keeps the data directory).
 */
export function useDashboard(options: UseDashboardOptions): () => DashboardSession {
  jest.setTimeout(300_000);
  let running: RunningDrydock | undefined;
  let session: DashboardSession | undefined;
  let dataDir: string | undefined;
  let kubeCache: string | undefined;
  let browser: Browser | undefined;
  const savedNodeEnv = process.env.NODE_ENV;
  const browserErrors: string[] = [];
  let launcherOutput = '';

  beforeAll(async () => {
    // Jest's NODE_ENV=test would reach the dashboard process (Next.js) through the launcher's children.
    delete process.env.NODE_ENV;
    dataDir = mkdtempSync(join(tmpdir(), `drydock-dashboard-${options.name}-`));
    kubeCache = mkdtempSync(join(tmpdir(), `drydock-dashboard-kc-${options.name}-`));
    const apiPort = await findFreePort();
    const dashboardPort = await findFreePort();
    running = await withStartLock(async () => {
      await buildDashboardIfStale((line) => process.stderr.write(line));
      return launchDrydock(
        { dataDir: dataDir!, apiHost: '127.0.0.1', apiPort, controlLoop: true, clockScale: 10, nodes: options.nodes ?? 3, controlPlane: options.controlPlane, dashboard: true, dashboardHost: '127.0.0.1', dashboardPort },
        (line) => (launcherOutput += line),
      );
    });
    const kubeconfig = join(dataDir, 'kubeconfig');
    const token = adminToken(kubeconfig);
    const env = { PATH: process.env.PATH, HOME: kubeCache, KUBECONFIG: kubeconfig, KUBECACHEDIR: join(kubeCache, 'cache') };
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-background-networking'] });
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => browserErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => message.type() === 'error' && browserErrors.push(`console.error: ${message.text()}`));
    mkdirSync(screenshotDir, { recursive: true });
    for (const file of readdirSync(screenshotDir)) if (file.startsWith(`${options.name}-`)) rmSync(join(screenshotDir, file));
    let shot = 0;
    const url = `http://127.0.0.1:${dashboardPort}`;
    const kubectlResult = (args: string[], stdin = '') => runKubectl(args, env, stdin);
    const kubectl = async (args: string[], stdin = '') => {
      const result = await kubectlResult(args, stdin);
      if (result.code !== 0) throw new Error(`${result.command} exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
      return result.stdout;
    };
    const screenshot = async (name: string, target: Page = page) => {
      const file = join(screenshotDir, `${options.name}-${String(++shot).padStart(2, '0')}-${name.replace(/[^\w.-]+/g, '-')}.png`);
      await target.screenshot({ path: file, fullPage: true });
      return file;
    };
    const open = async (path: string) => {
      const response = await page.goto(`${url}${path}`, { waitUntil: 'domcontentloaded' });
      const status = response?.status() ?? 0;
      if (status === 404) throw new Error(`the dashboard has no page at ${path} (HTTP 404)`);
      if (status >= 500) throw new Error(`the dashboard answered ${status} for ${path}`);
    };
    const signIn = async () => {
      if ((await context.cookies(url)).some((c) => c.name === 'drydock_session')) return;
      await open('/login');
      await page.getByLabel('Token').fill(token);
      await page.getByRole('button', { name: /sign in/i }).click();
      await page.waitForURL((u) => u.pathname === '/', { timeout: 20_000 });
    };
    session = {
      url,
      signIn,
      dataDir,
      token,
      browser,
      context,
      page,
      kubectl,
      kubectlResult,
      getJson: async <T>(args: string[]) => JSON.parse(await kubectl(['get', ...args, '-o', 'json'])) as T,
      open,
      screenshot,
      step: async <T>(name: string, fn: () => Promise<T>) => {
        const errorsBefore = browserErrors.length;
        try {
          return await fn();
        } catch (error) {
          const file = await screenshot(`FAILED-${name}`).catch(() => '(no screenshot)');
          const text = await page.locator('body').innerText({ timeout: 2000 }).catch(() => '(no page text)');
          const errors = browserErrors.slice(errorsBefore).slice(-10);
          (error as Error).message =
            `step "${name}" failed: ${(error as Error).message}\n` +
            `  page: ${page.url()}\n  screenshot: ${file}\n` +
            `  visible text (first 1500 chars):\n${text.slice(0, 1500).replace(/^/gm, '    | ')}\n` +
            (errors.length ? `  browser errors:\n${errors.map((e) => `    ${e.slice(0, 300)}`).join('\n')}\n` : '');
          throw error;
        }
      },
    };
  }, 420_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await running?.stop();
    if (savedNodeEnv !== undefined) process.env.NODE_ENV = savedNodeEnv;
    if (kubeCache) rmSync(kubeCache, { recursive: true, force: true });
    if (dataDir && !process.env.DRYDOCK_E2E_KEEP) rmSync(dataDir, { recursive: true, force: true });
  }, 90_000);

  return () => {
    if (!session) throw new Error(`Drydock with the dashboard did not start; see the beforeAll failure\n${launcherOutput.slice(-4000)}`);
    return session;
  };
}

function adminToken(kubeconfigPath: string): string {
  const config = parse(readFileSync(kubeconfigPath, 'utf8')) as { users?: { user?: { token?: string } }[] };
  const token = config.users?.[0]?.user?.token;
  if (!token) throw new Error(`${kubeconfigPath} has no users[0].user.token`);
  return token;
}

/**
 * Polls `check` (every 100 ms) until it returns a truthy value and returns it; on timeout throws with `what`
 * and the last value `describe` gave, so a failure says what the screen showed instead.
 */
export async function eventually<T>(what: string, check: () => Promise<T | undefined | false | null>, timeoutMs = 30_000, describe?: () => Promise<string>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const seen = describe ? await describe().catch((e: Error) => `(could not describe: ${e.message})`) : '';
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${seen ? `; the page showed: ${seen}` : ''}${lastError ? `; last error: ${(lastError as Error).message}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
