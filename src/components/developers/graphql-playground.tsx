'use client';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { TextareaField } from '@/components/ui/form-controls';

const SAMPLE = `{
  viewer {
    kind
    permissions
  }
}`;

/**
 * A small query editor for signed-in staff: posts to /api/graphql with the session cookie (same origin, JSON, so
 * Apollo's CSRF prevention lets it through) and shows the answer as it came. The page it sits on is staff-only, and
 * Apollo's own landing page is off, so nobody anonymous gets a playground.
 */
export function GraphQLPlayground() {
  const t = useTranslations('developers.playground');
  const id = useId();
  const [query, setQuery] = useState(SAMPLE);
  const [variables, setVariables] = useState('{}');
  const [variablesError, setVariablesError] = useState<string | undefined>();
  const [result, setResult] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  async function run() {
    let parsed: unknown;
    try {
      parsed = variables.trim() ? JSON.parse(variables) : {};
    } catch {
      setVariablesError(t('variablesInvalid'));
      return;
    }
    setVariablesError(undefined);
    setRunning(true);
    try {
      const response = await fetch('/api/graphql', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables: parsed }),
      });
      const text = await response.text();
      let pretty = text;
      try {
        pretty = JSON.stringify(JSON.parse(text), null, 2);
      } catch {
        // Not JSON (a proxy's error page): shown as it came.
      }
      setResult(`HTTP ${response.status}\n${pretty}`);
    } catch (error) {
      setResult(String(error));
    } finally {
      setRunning(false);
    }
  }

  return (
    <div className="space-y-3" data-testid="graphql-playground">
      <p className="text-sm text-slate-600">{t('body')}</p>
      <div className="grid gap-3 lg:grid-cols-3">
        <TextareaField
          id={`${id}-query`}
          label={t('query')}
          value={query}
          onChange={setQuery}
          rows={10}
          className="lg:col-span-2 [&_textarea]:font-mono [&_textarea]:text-xs"
          testId="playground-query"
        />
        <TextareaField
          id={`${id}-variables`}
          label={t('variables')}
          value={variables}
          onChange={setVariables}
          rows={10}
          error={variablesError}
          className="[&_textarea]:font-mono [&_textarea]:text-xs"
          testId="playground-variables"
        />
      </div>
      <Button kind="primary" onClick={run} disabled={running} data-testid="playground-run">
        {running ? t('running') : t('run')}
      </Button>
      {result !== null && (
        <div>
          <div className="mb-1 text-xs font-medium text-slate-700">{t('result')}</div>
          <pre
            className="max-h-96 overflow-auto rounded bg-slate-900 p-3 font-mono text-xs text-slate-100"
            data-testid="playground-result"
          >
            {result}
          </pre>
        </div>
      )}
    </div>
  );
}
