// A process that logs 32 MiB through apiServerLogger to a stdout nobody reads, and reports on stderr how late
// a 50 ms timer fired meanwhile (api-server-logger.spec.ts). With a synchronous logger it never reports.
import { apiServerLogger } from './api-server-logger';

const { logger, dropped } = apiServerLogger('info');
let lastTick = Date.now();
let worstLagMs = 0;
const ticker = setInterval(() => {
  worstLagMs = Math.max(worstLagMs, Date.now() - lastTick - 50);
  lastTick = Date.now();
}, 50);
const line = 'x'.repeat(1000);
let written = 0;
const burst = () => {
  for (let i = 0; i < 1000; i++) logger.info({ line, i: written + i }, 'audit');
  written += 1000;
  if (written < 32_000) return setImmediate(burst);
  setTimeout(() => {
    clearInterval(ticker);
    process.stderr.write(`done worstLagMs=${worstLagMs} dropped=${dropped()}\n`);
    process.exit(0);
  }, 300);
};
burst();
