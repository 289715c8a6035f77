/**
 * Go's text/tabwriter as crictl configures it (minwidth 20, padding 3, spaces): every column but the
 * last is padded to its widest cell plus 3, and at least 20 characters.
 */
export function tabwriter(rows: string[][], minWidth = 20, padding = 3): string {
  const widths: number[] = [];
  for (const row of rows) row.slice(0, -1).forEach((cell, column) => (widths[column] = Math.max(widths[column] ?? 0, Math.max(minWidth, cell.length + padding))));
  return rows.map((row) => `${row.map((cell, column) => (column < row.length - 1 ? cell.padEnd(widths[column]) : cell)).join('')}\n`).join('');
}

/** go-units' HumanDuration, as crictl prints CREATED (`2 minutes ago`). */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(seconds / 3600);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(seconds / 3600 / 24 / 365)} years`;
}

/** go-units' HumanSize: decimal units, 4 significant digits (`67.41MB`). */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let size = bytes;
  let unit = 0;
  while (size >= 1000 && unit < units.length - 1) {
    size /= 1000;
    unit++;
  }
  return `${Number(size.toPrecision(4))}${units[unit]}`;
}
