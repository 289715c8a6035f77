'use client';
import { useState } from 'react';

/** A read-only YAML (or any text) block: monospace, scrollable, with a copy button. */
export function YamlView({ yaml, title, maxHeight = '70vh' }: { yaml: string; title?: string; maxHeight?: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>();
  async function copy() {
    try {
      await navigator.clipboard.writeText(yaml);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
    setTimeout(() => setCopied(undefined), 1500);
  }
  return (
    <div data-testid="yaml-view" className="overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="flex items-center justify-between border-b border-slate-200 px-3 py-1.5 text-xs text-slate-500 dark:border-slate-800">
        <span className="font-medium">{title ?? 'YAML'}</span>
        <button type="button" onClick={() => void copy()} className="rounded px-2 py-0.5 font-medium text-sky-700 hover:bg-sky-50 dark:text-sky-300 dark:hover:bg-sky-950">
          {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'Copy failed' : 'Copy'}
        </button>
      </div>
      <pre className="overflow-auto p-3 font-mono text-xs leading-5 text-slate-800 dark:text-slate-200" style={{ maxHeight }}>
        <code>{yaml}</code>
      </pre>
    </div>
  );
}
