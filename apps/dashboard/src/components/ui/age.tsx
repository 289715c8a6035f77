'use client';
import { useEffect, useState } from 'react';

/** kubectl's AGE column: 45s, 12m, 3h, 5d (two units while short, as kubectl: 2m30s, 5h10m). */
export function formatAge(timestamp: string | null | undefined, now: number = Date.now()): string {
  if (!timestamp) return '—';
  const seconds = Math.max(0, Math.floor((now - Date.parse(timestamp)) / 1000));
  if (Number.isNaN(seconds)) return '—';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return `${minutes}m${seconds % 60 ? `${seconds % 60}s` : ''}`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return `${hours}h${minutes % 60 ? `${minutes % 60}m` : ''}`;
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

/** The current time, refreshed every `intervalMs` so ages on screen keep moving. */
export function useNow(intervalMs = 10_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** An age with the exact time as a tooltip. */
export function Age({ timestamp, now }: { timestamp: string | null | undefined; now?: number }) {
  return (
    <time dateTime={timestamp ?? undefined} title={timestamp ? new Date(timestamp).toLocaleString() : undefined} className="tabular-nums">
      {formatAge(timestamp, now)}
    </time>
  );
}
