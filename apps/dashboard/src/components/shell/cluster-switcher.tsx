'use client';
import { useEffect, useState } from 'react';
import { currentCluster, switchCluster } from '@/lib/cluster';
import { gql } from '@/lib/graphql';
import type { ClusterNamesQuery } from '@/lib/graphql-types.generated';
import { CLUSTER_NAMES } from '@/components/clusters/cluster-operations';

/**
 * Which cluster every page shows: the default one or a sandbox. The list is the Clusters the caller may list
 * (a user who may not sees the default cluster and the one shown).
 */
export function ClusterSwitcher() {
  const [current, setCurrent] = useState('default');
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    setCurrent(currentCluster());
    gql<ClusterNamesQuery>(CLUSTER_NAMES).then((data) => setNames(data.kindTable.rows.map((row) => row.name)), () => setNames([]));
  }, []);
  const options = ['default', ...names.filter((name) => name !== 'default')];
  if (!options.includes(current)) options.push(current);
  return (
    <label className="mb-4 block px-2 text-xs text-slate-500">
      Cluster
      <select aria-label="Cluster" value={current} onChange={(e) => switchCluster(e.target.value)} className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-800 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200">
        {options.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
