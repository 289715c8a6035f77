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
