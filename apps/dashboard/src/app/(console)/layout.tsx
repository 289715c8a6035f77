import type { ReactNode } from 'react';
import { CommandPalette } from '@/components/palette/command-palette';
import { AppShell } from '@/components/shell/app-shell';

export default function ConsoleLayout({ children }: { children: ReactNode }) {
  return <AppShell palette={<CommandPalette />}>{children}</AppShell>;
}
