import type { Column } from './data-table';
import { Button } from './button';

/**
 * A table row's action button ("停用", "编辑"…): a quiet button whose accessible name says which row it acts on
 * (`${label} ${subject}`), so a screen reader's list of buttons is not twenty times the same word.
 */
export function RowAction({
  label,
  subject,
  onClick,
  testId,
  tone = 'default',
  disabled,
}: {
  label: string;
  /** What the row is called (a name, a date): read after the label. */
  subject: string;
  onClick: () => void;
  testId?: string;
  tone?: 'default' | 'danger';
  disabled?: boolean;
}) {
  return (
    <Button
      kind={tone === 'danger' ? 'dangerGhost' : 'ghost'}
      onClick={onClick}
      disabled={disabled}
      aria-label={`${label} ${subject}`}
      data-testid={testId}
    >
      {label}
    </Button>
  );
}

/** The last column of a table whose rows have actions: right-aligned on a wide screen, kept on one line. */
export function actionsColumn<Row>(header: string, cell: (row: Row) => React.ReactNode): Column<Row> {
  return { id: 'actions', header, className: 'whitespace-nowrap md:text-right', cell };
}
