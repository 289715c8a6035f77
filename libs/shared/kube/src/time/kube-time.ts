/**
 * Kubernetes timestamps as they appear in JSON. JavaScript dates carry milliseconds; every format here
 * truncates, as Go's time.Format does.
 */
const iso = (date: Date | number) => (typeof date === 'number' ? new Date(date) : date).toISOString();

/** metav1.Time: RFC 3339 in whole seconds, UTC (`2026-01-01T00:00:00Z`). */
export function kubeTime(date: Date | number): string {
  return iso(date).replace(/\.\d{3}Z$/, 'Z');
}

/** metav1.MicroTime: RFC 3339 with six fractional digits (`2026-01-01T00:00:00.123000Z`). */
export function kubeMicroTime(date: Date | number): string {
  return iso(date).replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Go's time.RFC3339Nano: fractional seconds without trailing zeros (`…:00.5Z`, `…:00Z`). */
export function rfc3339Nano(date: Date | number): string {
  return iso(date).replace(/\.000Z$/, 'Z').replace(/(\.\d*?)0+Z$/, '$1Z');
}

/** The kubelet's container log timestamp (`2006-01-02T15:04:05.000000000Z07:00`): nine fractional digits. */
export function containerLogTime(date: Date | number): string {
  return iso(date).replace(/\.(\d{3})Z$/, '.$1000000Z');
}
