import { get } from 'node:http';
import { request } from 'node:https';

function readyzOnce(url: string, ca: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(`${url}/readyz`, { ca, timeout: 2000 }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve(res.statusCode === 200 && body.trim() === 'ok'));
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

/** Polls `GET /readyz` until it answers `ok`; rejects after `timeoutMs` or when `failed` settles first. */
export async function waitForReady(url: string, ca: string, timeoutMs: number, failed: Promise<unknown>): Promise<void> {
  let gaveUp = false;
  const failure = failed.then(() => {
    gaveUp = true;
    throw new Error('the API server exited during start-up (see its log)');
  });
  const deadline = Date.now() + timeoutMs;
  const poll = (async () => {
    while (!gaveUp) {
      if (await readyzOnce(url, ca)) return;
      if (Date.now() > deadline) throw new Error(`the API server did not become ready within ${timeoutMs / 1000}s`);
      await new Promise((r) => setTimeout(r, 150));
    }
  })();
  await Promise.race([poll, failure]);
}

/** Polls `GET url` over plain HTTP until it answers 200 (the dashboard's sign-in page); rejects after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const req = get(url, { timeout: 2000 }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
      req.on('timeout', () => req.destroy());
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000}s (see the dashboard log)`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
