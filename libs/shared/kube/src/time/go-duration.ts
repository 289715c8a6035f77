/**
 * Go's time.Duration.String() for a duration in milliseconds (`850µs`, `3.1ms`, `1.5s`, `2m3.5s`,
 * `1h0m0s`): how upstream prints latencies (audit annotations, logs). Precision is the input's.
 */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  const trim = (value: number, digits: number) => String(Number(value.toFixed(digits)));
  if (abs < 1) return `${sign}${trim(abs * 1000, 3)}µs`;
  if (abs < 1000) return `${sign}${trim(abs, 6)}ms`;
  const totalSeconds = abs / 1000;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = trim(totalSeconds % 60, 9);
  if (hours) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}
