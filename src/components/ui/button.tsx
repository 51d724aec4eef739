import { buttonClass, type ButtonKind } from './classes';

/**
 * The console's button: `type="button"` (a click never submits a surrounding form by accident) in one of the shared
 * looks. Every other attribute goes to the <button>; `className` adds to the look (a margin), it does not replace it.
 */
export function Button({
  kind = 'secondary',
  className,
  ...props
}: React.ButtonHTMLAttributes<HTMLButtonElement> & { kind?: ButtonKind }) {
  return (
    <button type="button" {...props} className={className ? `${buttonClass[kind]} ${className}` : buttonClass[kind]} />
  );
}
