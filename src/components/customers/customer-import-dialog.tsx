'use client';
import type { ErrorParams } from '@/server/error-keys';
import { useErrorText } from '@/lib/error-text';
import { useTranslations } from 'next-intl';
import { useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { buttonClass } from '@/components/ui/classes';
import { DataTable } from '@/components/ui/data-table';
import { Modal } from '@/components/ui/modal';
import { ErrorBanner, Spinner } from '@/components/ui/status';
import { graphql } from '@/gql';
import type { CustomersImportMutation } from '@/gql/graphql';
import { useGqlMutation } from '@/lib/data/gql-hooks';
import { errorMessage } from './customer-errors';
import {
  IMPORT_HEADERS,
  ImportFileError,
  readImportFile,
  templateCsvHref,
  type ImportPayload,
} from './customer-import-file';

const CustomersImportMutationDocument = graphql(`
  mutation CustomersImport($format: ImportFormat!, $content: String!, $dryRun: Boolean) {
    importCustomers(format: $format, content: $content, dryRun: $dryRun) {
      ok
      dryRun
      rowCount
      importedCount
      errors {
        row
        field
        message
        key
        params
      }
    }
  }
`);

type ImportResult = CustomersImportMutation['importCustomers'];

type Step =
  | { kind: 'pick' }
  | { kind: 'checking'; fileName: string }
  | { kind: 'preview'; fileName: string; payload: ImportPayload; result: ImportResult }
  | { kind: 'importing'; fileName: string; payload: ImportPayload; result: ImportResult }
  | { kind: 'done'; fileName: string; importedCount: number }
  | { kind: 'failed'; fileName: string; message: string };

/**
 * Bulk import: read the file in the browser → dry run (validates every row, writes nothing) → preview with row errors
 * → the real import, all or nothing.
 */
export function CustomerImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations('customers');
  const errorText = useErrorText();
  // The dry run writes nothing, so it makes nothing stale; the real import changes every customer list and total.
  const checkFile = useGqlMutation(CustomersImportMutationDocument, { invalidates: 'none' });
  const importFile = useGqlMutation(CustomersImportMutationDocument, { invalidates: ['Customer'] });
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const fileInput = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const busy = step.kind === 'checking' || step.kind === 'importing';

  const reset = () => {
    setStep({ kind: 'pick' });
    if (fileInput.current) fileInput.current.value = '';
  };
  const close = () => {
    if (busy) return;
    reset();
    onClose();
  };

  const check = async (file: File) => {
    setStep({ kind: 'checking', fileName: file.name });
    try {
      const payload = await readImportFile(file);
      const { importCustomers } = await checkFile.mutateAsync({ ...payload, dryRun: true });
      setStep({ kind: 'preview', fileName: file.name, payload, result: importCustomers });
    } catch (error) {
      const message = error instanceof ImportFileError ? t(`import.fileError.${error.reason}`) : errorMessage(error, t);
      setStep({ kind: 'failed', fileName: file.name, message });
    }
  };

  const runImport = async () => {
    if (step.kind !== 'preview' || !step.result.ok) return;
    setStep({ ...step, kind: 'importing' });
    try {
      const { importCustomers } = await importFile.mutateAsync({ ...step.payload, dryRun: false });
      if (importCustomers.ok) {
        setStep({ kind: 'done', fileName: step.fileName, importedCount: importCustomers.importedCount });
      } else {
        // Someone changed the data between the check and the import (e.g. took a contract no.): show the new errors.
        setStep({ kind: 'preview', fileName: step.fileName, payload: step.payload, result: importCustomers });
      }
    } catch (error) {
      setStep({ kind: 'failed', fileName: step.fileName, message: errorMessage(error, t) });
    }
  };

  const fieldLabel = (field: string | null | undefined) => {
    if (!field) return '—';
    const key = `fields.${field.split('.')[0]}`;
    return t.has(key) ? t(key) : field;
  };

  const footer = (
    <>
      {step.kind === 'done' ? (
        <Button kind="primary" onClick={close} data-testid="import-close">
          {t('actions.close')}
        </Button>
      ) : (
        <>
          {(step.kind === 'preview' || step.kind === 'failed') && (
            <Button onClick={reset} data-testid="import-choose-again">
              {t('import.chooseAnother')}
            </Button>
          )}
          <Button onClick={close} disabled={busy}>
            {t('actions.cancel')}
          </Button>
          {(step.kind === 'preview' || step.kind === 'importing') && step.result.ok && (
            <Button kind="primary" onClick={runImport} disabled={busy} data-testid="import-confirm">
              {step.kind === 'importing' ? t('import.importing') : t('import.confirm', { count: step.result.rowCount })}
            </Button>
          )}
        </>
      )}
    </>
  );

  return (
    <Modal
      open={open}
      onClose={close}
      title={t('import.title')}
      footer={footer}
      size="xl"
      closeOnBackdrop
      testId="import-dialog"
    >
      <div className="space-y-4 text-sm">
        <p
          className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900"
          data-testid="import-all-or-nothing"
        >
          <strong className="font-semibold">{t('import.allOrNothingTitle')}</strong> {t('import.allOrNothing')}
        </p>

        {step.kind === 'pick' && (
          <div className="space-y-3">
            <div>
              <label htmlFor={inputId} className="mb-1 block font-medium">
                {t('import.fileLabel')}
              </label>
              <input
                ref={fileInput}
                id={inputId}
                type="file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                data-testid="import-file"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (file) void check(file);
                }}
                className="block w-full text-sm file:mr-3 file:rounded file:border-0 file:bg-blue-700 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-white hover:file:bg-blue-800"
              />
              <p className="mt-1 text-xs text-slate-500">{t('import.fileHint')}</p>
            </div>
            <p>
              <a
                href={templateCsvHref()}
                download="customer-import-template.csv"
                className={buttonClass.link}
                data-testid="import-template"
              >
                {t('import.downloadTemplate')}
              </a>
            </p>
            <details className="rounded border border-slate-200 px-3 py-2">
              <summary className="cursor-pointer font-medium text-slate-700">{t('import.columnsTitle')}</summary>
              <ul className="mt-2 flex flex-wrap gap-1.5">
                {IMPORT_HEADERS.map((column) => (
                  <li
                    key={column.key}
                    className={`rounded px-1.5 py-0.5 text-xs ${column.key === 'name' ? 'bg-blue-100 font-medium text-blue-900' : 'bg-slate-100 text-slate-700'}`}
                  >
                    {column.header}
                    {column.key === 'name' && ` (${t('import.required')})`}
                  </li>
                ))}
              </ul>
              <ul className="mt-2 list-disc space-y-0.5 pl-5 text-xs text-slate-600">
                <li>{t('import.ruleDates')}</li>
                <li>{t('import.ruleMoney')}</li>
                <li>{t('import.ruleEnums')}</li>
                <li>{t('import.ruleUnique')}</li>
              </ul>
            </details>
          </div>
        )}

        {step.kind === 'checking' && <Spinner label={t('import.checking', { file: step.fileName })} />}

        {step.kind === 'failed' && (
          <ErrorBanner
            message={t('import.failed', { file: step.fileName, message: step.message })}
            testId="import-error"
          />
        )}

        {(step.kind === 'preview' || step.kind === 'importing') && (
          <div className="space-y-3" data-testid="import-preview">
            <p className="text-slate-700">
              {t('import.fileSummary', { file: step.fileName, rows: step.result.rowCount })}
            </p>
            {step.result.ok ? (
              <p
                className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-emerald-900"
                role="status"
                data-testid="import-ready"
              >
                {t('import.ready', { count: step.result.rowCount })}
              </p>
            ) : (
              <>
                <p
                  className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-800"
                  role="alert"
                  data-testid="import-has-errors"
                >
                  {t('import.hasErrors', {
                    errors: step.result.errors.length,
                    rows: new Set(step.result.errors.map((e) => e.row)).size,
                  })}
                </p>
                <div className="max-h-80 overflow-auto">
                  <DataTable
                    columns={[
                      { id: 'row', header: t('import.row'), className: 'tabular-nums', cell: (error) => error.row },
                      { id: 'field', header: t('import.field'), cell: (error) => fieldLabel(error.field) },
                      {
                        id: 'message',
                        header: t('import.message'),
                        className: 'text-red-800',
                        cell: (error) => errorText.text(error.key, error.params as ErrorParams | null),
                      },
                    ]}
                    rows={step.result.errors}
                    rowKey={(error) => `${error.row}:${error.field ?? ''}:${error.message}`}
                    state={{ loading: false }}
                    empty={null}
                    testId="import-errors"
                    rowTestId="import-error-row"
                  />
                </div>
                <p className="text-xs text-slate-500">{t('import.fixAndRetry')}</p>
              </>
            )}
          </div>
        )}

        {step.kind === 'done' && (
          <p
            className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-emerald-900"
            role="status"
            data-testid="import-done"
          >
            {t('import.done', { count: step.importedCount })}
          </p>
        )}
      </div>
    </Modal>
  );
}
