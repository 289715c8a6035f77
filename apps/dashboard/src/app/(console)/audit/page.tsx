'use client';
import { Suspense } from 'react';
import { AuditLog } from '@/components/audit/audit-log';
import { Loading } from '@/components/ui/states';

/** `/audit`: the API server's audit log (drydock.dev/v1 auditevents), as far as RBAC lets the user read it. */
export default function AuditPage() {
  return (
    <div className="space-y-4">
      <header>
        <h1 className="text-2xl font-semibold">Audit</h1>
        <p className="text-sm text-slate-500">Every request to the API server (who, what, which object, the answer), newest first; never a body, a token or a password. Admins see all; a team admin the team&apos;s namespaces.</p>
      </header>
      <Suspense fallback={<Loading />}>
        <AuditLog />
      </Suspense>
    </div>
  );
}
