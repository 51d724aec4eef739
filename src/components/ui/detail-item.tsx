/** One label and its value inside a definition list (<dl>); the caller lays the list out and words empty values. */
export function DetailItem({
  label,
  children,
  className = '',
  testId,
}: {
  label: string;
  children: React.ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <div className={`min-w-0 ${className}`}>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-0.5 whitespace-pre-wrap break-words text-sm text-slate-900" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

/** A DetailItem only when the value is set (empty fields are left out of the list). */
export function detailIfSet(label: string, value: React.ReactNode) {
  return value ? <DetailItem label={label}>{value}</DetailItem> : null;
}
