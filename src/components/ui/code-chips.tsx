/**
 * Machine codes shown by their human names as a row of chips (an API key's scopes, a webhook's events): each chip
 * reads the name and carries the code in its tooltip, for the admin who meets the code in logs or the API.
 */
export function CodeChips({ codes, labelOf }: { codes: readonly string[]; labelOf: (code: string) => string }) {
  return (
    <ul className="flex flex-wrap gap-1">
      {codes.map((code) => (
        <li key={code} className="rounded bg-blue-50 px-2 py-0.5 text-xs text-blue-800" title={code}>
          {labelOf(code)}
        </li>
      ))}
    </ul>
  );
}
