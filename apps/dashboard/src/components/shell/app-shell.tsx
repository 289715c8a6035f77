'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { openPalette } from '@/components/palette/shortcuts';
import { ClusterSwitcher } from './cluster-switcher';
import { ThemeToggle } from './theme-toggle';
import { UserMenu } from './user-menu';

const sections = [
  { href: '/', label: 'Overview', key: 'o' },
  { href: '/nodes', label: 'Nodes', key: 'n' },
  { href: '/workloads', label: 'Workloads', key: 'w' },
  { href: '/pods', label: 'Pods', key: 'p' },
  { href: '/events', label: 'Events', key: 'e' },
  { href: '/control-plane', label: 'Control plane', key: 'c' },
  { href: '/kinds', label: 'All kinds', key: 'k' },
  { href: '/helm', label: 'Helm releases', key: 'h' },
  { href: '/apply', label: 'Apply YAML', key: 'a' },
  { href: '/access', label: 'My access', key: 'm' },
  { href: '/clusters', label: 'Clusters', key: 'x' },
  { href: '/people', label: 'Users & teams', key: 'u' },
  { href: '/audit', label: 'Audit', key: 'l' },
  { href: '/graphiql', label: 'GraphQL explorer', key: 'q' },
];

function isActive(pathname: string, href: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

/** The frame around every signed-in page: navigation on the left, the page on the right. */
export function AppShell({ children, palette }: { children: ReactNode; palette?: ReactNode }) {
  const pathname = usePathname();
  return (
    <div className="flex min-h-screen">
      <nav aria-label="Main" className="sticky top-0 flex h-screen w-52 shrink-0 flex-col border-r border-slate-200 bg-white px-3 py-4 dark:border-slate-800 dark:bg-slate-900">
        <Link href="/" className="mb-6 flex items-center gap-2 px-2 text-lg font-semibold">
          <span aria-hidden className="inline-block h-6 w-6 rounded bg-sky-600" />
          Drydock
        </Link>
        <ClusterSwitcher />
        <ul className="space-y-1">
          {sections.map((section) => (
            <li key={section.href}>
              <Link
                href={section.href}
                aria-current={isActive(pathname, section.href) ? 'page' : undefined}
                title={`g then ${section.key}`}
                className="flex items-center justify-between rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100 aria-[current=page]:bg-sky-50 aria-[current=page]:font-medium aria-[current=page]:text-sky-700 dark:text-slate-300 dark:hover:bg-slate-800 dark:aria-[current=page]:bg-sky-950 dark:aria-[current=page]:text-sky-300"
              >
                {section.label}
                <kbd aria-hidden className="font-mono text-[10px] text-slate-400 dark:text-slate-500">g {section.key}</kbd>
              </Link>
            </li>
          ))}
        </ul>
        <div className="mt-auto space-y-2 px-2 text-xs text-slate-500">
          <button
            type="button"
            onClick={openPalette}
            aria-keyshortcuts="Control+K Meta+K /"
            className="flex w-full items-center justify-between rounded-md border border-slate-300 px-2 py-1 text-left hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            Search…
            <span>
              <kbd className="rounded border border-slate-300 px-1 font-mono dark:border-slate-700">Ctrl</kbd> <kbd className="rounded border border-slate-300 px-1 font-mono dark:border-slate-700">K</kbd>
            </span>
          </button>
          <ThemeToggle />
          <UserMenu />
        </div>
      </nav>
      <main className="min-w-0 flex-1 p-6">{children}</main>
      {palette}
    </div>
  );
}
