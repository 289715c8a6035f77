/** Human-readable quantities as kubectl and the dashboard show them (cores, bytes, ages). */

/** Cores as `1.5` or millicores as `250m` below one core. */
export function formatCores(cores: number): string {
  if (!Number.isFinite(cores)) return '–';
  if (cores === 0) return '0';
  if (cores < 1) return `${Math.round(cores * 1000)}m`;
  return cores >= 100 ? cores.toFixed(0) : Number(cores.toFixed(2)).toString();
}

const BINARY_UNITS = ['B', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'];

/** Bytes in binary units (`512Mi`, `7.8Gi`), as Kubernetes writes memory. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '–';
  if (bytes === 0) return '0';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BINARY_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : Number(value.toFixed(1))}${BINARY_UNITS[unit]}`;
}

/** kubectl's AGE column: `45s`, `12m`, `5h`, `3d`, `2y`. */
export function formatAge(timestamp: string | null | undefined, now = Date.now()): string {
  if (!timestamp) return '–';
  const seconds = Math.max(0, Math.floor((now - Date.parse(timestamp)) / 1000));
  if (!Number.isFinite(seconds)) return '–';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  return days < 730 ? `${days}d` : `${Math.floor(days / 365)}y`;
}

/** A fraction as a whole percentage, 0 when there is nothing to divide by. */
export function percentOf(used: number, total: number): number {
  return total > 0 ? Math.round((used / total) * 100) : 0;
}
