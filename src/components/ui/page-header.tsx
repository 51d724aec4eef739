import { Button } from './button';

/** The one button most headers carry ("+ 新建", "刷新"); more or other actions go in `children`. */
export type PageAction = {
  label: string;
  onClick: () => void;
  testId?: string;
  disabled?: boolean;
  kind?: 'primary' | 'secondary';
};

/** A screen's title and one-line purpose, with its main actions on the right. */
export function PageHeader({
  title,
  subtitle,
  action,
  children,
}: {
  title: string;
  subtitle?: string;
  action?: PageAction;
  children?: React.ReactNode;
}) {
  return (
    <header className="flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1 className="text-2xl font-semibold">{title}</h1>
        {subtitle && <p className="mt-1 max-w-2xl text-sm text-slate-600">{subtitle}</p>}
      </div>
      {(children || action) && (
        <div className="flex flex-wrap items-center gap-2">
          {children}
          {action && (
            <Button
              kind={action.kind ?? 'primary'}
              onClick={action.onClick}
              disabled={action.disabled}
              data-testid={action.testId}
            >
              {action.label}
            </Button>
          )}
        </div>
      )}
    </header>
  );
}
