export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_COOKIE = 'NEXT_LOCALE';
/** Dates are shown in this zone unless KEFU_TIME_ZONE says otherwise (SPEC: Asia/Shanghai by default). */
export const TIME_ZONE = process.env.KEFU_TIME_ZONE ?? 'Asia/Shanghai';

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);
