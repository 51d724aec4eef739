import Link from 'next/link';

/** A customer's name linking to their page in the console (the one place that knows the route). */
export function CustomerLink({
  customer,
  className = 'text-blue-700 hover:underline',
  testId,
}: {
  customer: { id: string; name: string };
  /** The link's classes; the default is the console's plain link. */
  className?: string;
  testId?: string;
}) {
  return (
    <Link href={`/console/customers/${customer.id}`} className={className} data-testid={testId}>
      {customer.name}
    </Link>
  );
}
