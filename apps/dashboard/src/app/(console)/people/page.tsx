'use client';
import { PeopleAdmin } from '@/components/people/people-admin';

/** `/people`: drydock.dev/v1 Users and Teams, managed as RBAC allows. */
export default function PeoplePage() {
  return (
    <div className="space-y-4">
      <header>
        <h1 className="text-2xl font-semibold">Users &amp; teams</h1>
        <p className="text-sm text-slate-500">People and teams are drydock.dev/v1 objects: a team&apos;s members get their role (admin, edit, view) in each of its namespaces through RoleBindings the team controller keeps.</p>
      </header>
      <PeopleAdmin />
    </div>
  );
}
