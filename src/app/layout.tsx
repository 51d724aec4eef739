import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTimeZone } from 'next-intl/server';
import { QueryProvider } from '@/lib/data/query-provider';
import { ErrorTextBridge } from '@/lib/error-text';
import './globals.css';

export const metadata: Metadata = { title: '客服通 Kefu', description: '客户服务质量管理系统' };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [locale, messages, timeZone] = await Promise.all([getLocale(), getMessages(), getTimeZone()]);
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <NextIntlClientProvider locale={locale} messages={messages} timeZone={timeZone}>
          <ErrorTextBridge />
          <QueryProvider>{children}</QueryProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
