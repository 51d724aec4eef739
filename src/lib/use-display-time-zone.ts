'use client';
import { useTimeZone } from 'next-intl';

/** The zone dates are shown in when the server configured none (SPEC: Asia/Shanghai unless configured). */
export const FALLBACK_TIME_ZONE = 'Asia/Shanghai';

/** The time zone every date of the UI is shown in: the configured one (`KEFU_TIME_ZONE`), else Asia/Shanghai. */
export function useDisplayTimeZone(): string {
  return useTimeZone() ?? FALLBACK_TIME_ZONE;
}
