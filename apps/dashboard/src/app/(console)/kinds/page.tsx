'use client';
import { KindsIndex } from '@/components/kinds/kinds-index';

/** `/kinds`: every kind the API server serves (built-in and CRDs), each linking to its list. */
export default function KindsPage() {
  return (
    <div className="space-y-4">
      <header>
        <h1 className="text-2xl font-semibold">All kinds</h1>
        <p className="text-sm text-slate-500">Every kind the API server serves, built-in and custom, by API group.</p>
      </header>
      <KindsIndex />
    </div>
  );
}
