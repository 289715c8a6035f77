'use client';
import { Suspense } from 'react';
import { AccessView } from '@/components/access/access-view';
import { Loading } from '@/components/ui/states';

/** `/access?namespace=`: what the signed-in user may do there, as the API server's rules review says. */
export default function AccessPage() {
  return (
    <div className="space-y-4">
      <header>
        <h1 className="text-2xl font-semibold">What can I do?</h1>
        <p className="text-sm text-slate-500">Your roles in a namespace as the API server&apos;s rules review gives them (kubectl auth can-i --list): resources down, verbs across.</p>
      </header>
      <Suspense fallback={<Loading />}>
        <AccessView />
      </Suspense>
    </div>
  );
}
