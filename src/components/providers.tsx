'use client';
import { SessionProvider } from 'next-auth/react';

/** The signed-in areas' providers (the data layer's QueryProvider sits in the root layout, for public pages too). */
export function Providers({ children }: { children: React.ReactNode }) {
  return <SessionProvider>{children}</SessionProvider>;
}
