'use client';
import { useQuery } from '@/lib/graphql';
import { ErrorState, Loading } from '@/components/ui/states';

export default function OverviewPage() {
  const { data, error, loading } = useQuery<{ me: { name: string } }>('query { me { name } }');
  if (loading) return <Loading />;
  if (error) return <ErrorState error={error} />;
  return <h1 className="text-2xl font-semibold">Signed in as {data?.me.name}</h1>;
}
