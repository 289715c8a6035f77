'use client';
import { ClustersPage } from '@/components/clusters/clusters-page';

/** `/clusters`: sandbox clusters (drydock.dev/v1 Cluster) and their snapshots. */
export default function Clusters() {
  return (
    <div className="space-y-4">
      <header>
        <h1 className="text-2xl font-semibold">Clusters</h1>
        <p className="text-sm text-slate-500">Sandbox clusters of their own for a team or a person, served at /clusters/&lt;name&gt;/ with the same credentials: break one, snapshot it, restore it, clone it for a teammate, reset it. Open shows every page of the dashboard in that cluster.</p>
      </header>
      <ClustersPage />
    </div>
  );
}
