'use client';
import { useSearchParamChoice } from './use-search-param-choice';

/**
 * The queue a work-queue page shows, kept in the URL (`?queue=MINE`, `fallback` when missing or unknown), with
 * QueueTabs' part of it (`<QueueTabs {...tabs} …/>`): the queues and their words, the page's `queueLabel` and
 * `queue.<QUEUE>` (`t` is the page's translator).
 */
export function useQueueChoice<Q extends string>(queues: readonly Q[], fallback: Q, t: (key: string) => string) {
  const [queue, onSelect] = useSearchParamChoice('queue', queues, fallback);
  return [
    queue,
    { queues, current: queue, onSelect, label: t('queueLabel'), labelOf: (q: Q) => t(`queue.${q}`) },
  ] as const;
}

/**
 * The tabs of a work queue page (complaints, callbacks): one pill per queue with its count — "…" while the counts
 * load — and the overdue queue in red when it holds anything. `testIdPrefix` names the tab (`<prefix>-tab-<queue>`)
 * and its count (`<prefix>-count-<queue>`). The counts come as `counts` (a counts query's rows) or as a `count` function.
 */
export function QueueTabs<Q extends string>({
  queues,
  current,
  label,
  labelOf,
  count,
  counts,
  loading,
  onSelect,
  testIdPrefix,
  alertQueue = 'OVERDUE',
}: {
  queues: readonly Q[];
  current: Q;
  label: string;
  labelOf: (queue: Q) => string;
  count?: (queue: Q) => number | undefined;
  counts?: readonly { queue: Q; count: number }[];
  loading: boolean;
  onSelect: (queue: Q) => void;
  testIdPrefix: string;
  alertQueue?: string;
}) {
  const countOf = count ?? ((queue: Q) => counts?.find((c) => c.queue === queue)?.count);
  return (
    <div role="tablist" aria-label={label} className="flex flex-wrap gap-2 text-sm">
      {queues.map((q) => (
        <button
          key={q}
          type="button"
          role="tab"
          aria-selected={q === current}
          onClick={() => onSelect(q)}
          data-testid={`${testIdPrefix}-tab-${q}`}
          className={`rounded-full border px-3 py-1 ${q === current ? 'border-blue-600 bg-blue-50 text-blue-800' : 'border-slate-300 bg-white'} ${q === alertQueue && (countOf(q) ?? 0) > 0 ? 'text-red-700' : ''}`}
        >
          {labelOf(q)}{' '}
          <span className="ml-1 font-semibold" data-testid={`${testIdPrefix}-count-${q}`}>
            {countOf(q) ?? (loading ? '…' : 0)}
          </span>
        </button>
      ))}
    </div>
  );
}
