import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';

/**
 * A page's `generateMetadata` whose title is one message followed by the app's name ("来电记录 · 客服系统"):
 * `export const generateMetadata = titledPage('intake', 'track.title');`
 */
export function titledPage(namespace: string, key: string) {
  return async function generateMetadata(): Promise<Metadata> {
    const [t, tc] = await Promise.all([getTranslations(namespace), getTranslations('common')]);
    return { title: `${t(key)} · ${tc('appName')}` };
  };
}
