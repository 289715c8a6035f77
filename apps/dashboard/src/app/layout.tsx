import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { CLUSTER_QUERY } from '@/components/overview/cluster-model';
import { earlyQueryScript } from '@/lib/early-query';
import './globals.css';

export const metadata: Metadata = { title: 'Drydock', description: 'A Kubernetes control plane without the containers' };

/** Applies the saved theme (or the OS preference) before the first paint, so dark mode never flashes. */
const themeScript = `try{var t=localStorage.getItem('drydock-theme');if(t==='dark'||(!t&&matchMedia('(prefers-color-scheme: dark)').matches))document.documentElement.classList.add('dark')}catch(e){}`;

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
        {/* The overview's nodes and pods, asked for while the page's scripts load (lib/early-query.ts). */}
        <script dangerouslySetInnerHTML={{ __html: earlyQueryScript('/', CLUSTER_QUERY) }} />
      </head>
      <body className="bg-slate-50 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">{children}</body>
    </html>
  );
}
