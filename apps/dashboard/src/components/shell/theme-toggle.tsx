'use client';
import { useEffect, useState } from 'react';

/** Switches between light and dark; the choice is kept in localStorage (read before paint by the root layout). */
export function ThemeToggle() {
  const [dark, setDark] = useState(false);
  useEffect(() => setDark(document.documentElement.classList.contains('dark')), []);
  function toggle() {
    const next = !dark;
    document.documentElement.classList.toggle('dark', next);
    localStorage.setItem('drydock-theme', next ? 'dark' : 'light');
    setDark(next);
  }
  return (
    <button type="button" onClick={toggle} aria-label={dark ? 'Switch to light mode' : 'Switch to dark mode'} className="rounded px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800">
      {dark ? '☀ Light' : '☾ Dark'}
    </button>
  );
}
