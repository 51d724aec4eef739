import Link from 'next/link';

type NavLink = { href: string; label: string; testId?: string };

/**
 * The line above a record's page: back to its list on the left ("← 投诉列表"), and optionally on to a related page on
 * the right ("来电记录 →").
 */
export function DetailNav({ back, next }: { back: NavLink; next?: NavLink }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
      <Link href={back.href} className="text-blue-700 hover:underline" data-testid={back.testId}>
        ← {back.label}
      </Link>
      {next && (
        <Link href={next.href} className="text-blue-700 hover:underline" data-testid={next.testId}>
          {next.label} →
        </Link>
      )}
    </div>
  );
}
