import type { ServerResponse } from 'node:http';
import { sendText } from './response';

/** One named check of /readyz (upstream's healthz.HealthChecker): resolves when healthy, rejects with why. */
export interface HealthCheck {
  name: string;
  check(): Promise<void>;
}

/**
 * Upstream's healthz handlers for `endpoint` (`readyz`): `/readyz` runs every check (minus `?exclude=`)
 * and answers `ok`, or with `?verbose` one `[+]name ok` line per check and `readyz check passed`; any
 * failure answers 500 with every line, the failed ones as `[-]name failed: reason withheld` (the
 * endpoint is public), and `readyz check failed`. `/readyz/NAME` runs one check: `ok`, or 500
 * `internal server error: <why>`.
 */
export async function serveHealth(res: ServerResponse, endpoint: string, checks: HealthCheck[], subpath: string, query: URLSearchParams): Promise<void> {
  if (subpath) {
    const check = checks.find((candidate) => candidate.name === subpath);
    if (!check) return sendText(res, 404, '404 page not found\n');
    const error = await failure(check);
    return error === undefined ? sendText(res, 200, 'ok') : sendText(res, 500, `internal server error: ${error}\n`);
  }
  const excluded = new Set(query.getAll('exclude'));
  let output = '';
  let failed = false;
  for (const check of checks) {
    if (excluded.delete(check.name)) {
      output += `[+]${check.name} excluded: ok\n`;
      continue;
    }
    const error = await failure(check);
    failed ||= error !== undefined;
    output += error === undefined ? `[+]${check.name} ok\n` : `[-]${check.name} failed: reason withheld\n`;
  }
  if (excluded.size > 0) output += `warn: some health checks cannot be excluded: no matches for ${[...excluded].map((name) => `"${name}"`).join(',')}\n`;
  if (failed) return sendText(res, 500, `${output}${endpoint} check failed\n`);
  sendText(res, 200, query.has('verbose') ? `${output}${endpoint} check passed\n` : 'ok');
}

async function failure(check: HealthCheck): Promise<string | undefined> {
  try {
    await check.check();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
