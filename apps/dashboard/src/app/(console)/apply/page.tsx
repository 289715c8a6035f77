'use client';
import { ApplyWorkbench } from '@/components/apply/apply-workbench';

export default function ApplyPage() {
  return (
    <div className="space-y-4">
      <header>
        <h1 className="text-2xl font-semibold">Apply YAML</h1>
        <p className="text-sm text-slate-500">Write or pick a manifest, preview it as the API server would apply it, then apply.</p>
      </header>
      <ApplyWorkbench />
    </div>
  );
}
