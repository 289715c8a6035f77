'use client';
import { Suspense } from 'react';
import { useSearchParams } from 'next/navigation';
import { PasswordForm, SetPasswordForm, TokenForm } from '@/components/sign-in/sign-in-forms';

function LoginForm() {
  const params = useSearchParams();
  const link = params.get('link');
  if (link) return <SetPasswordForm link={link} />;
  return params.get('with') === 'password' ? <PasswordForm /> : <TokenForm />;
}

export default function LoginPage() {
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <Suspense>
        <LoginForm />
      </Suspense>
    </main>
  );
}
