'use client';
import { useEffect, useState } from 'react';

/** The current time, refreshed every `intervalMs` (for "5m ago" labels); one timer per caller, no data fetching. */
export function useNow(intervalMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** kubectl's AGE column: 42s, 5m, 3h, 2d (with minutes/hours under a day, as kubectl prints 5m30s / 2h10m). */
export function formatAge(fromMs: number, nowMs: number): string {
  if (!Number.isFinite(fromMs)) return '—';
  const s = Math.max(0, Math.floor((nowMs - fromMs) / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 ? `${m}m${s % 60}s` : `${m}m`;
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 10) return m % 60 ? `${h}h${m % 60}m` : `${h}h`;
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}
