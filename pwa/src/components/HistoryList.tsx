import type { HistoryGroup } from '@mpt/shared';
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { relativeTime, timeSpan } from '../i18n/format';
import { EmptyState } from './EmptyState';

interface Props {
  groups: readonly HistoryGroup[];
  /** Names by type id: when given, each entry says which type it is about. */
  typeNames?: ReadonlyMap<string, string>;
  hrefOf?: (typeId: string) => string;
  /** Entries shown at first and added by each "Show more". */
  pageSize?: number;
}

/** The text of one group, e.g. "Moved 3 models from In box to Building". */
export function describeGroup(g: HistoryGroup): string {
  const models = t('common.models', { count: g.qty });
  const from = g.from_stage ? t(`stages.${g.from_stage}`) : '';
  const to = g.to_stage ? t(`stages.${g.to_stage}`) : '';
  if (g.from_stage === null) return t('history.added', { models, to });
  if (g.to_stage === null) return t('history.removed', { models, from });
  return t('history.moved', { models, from, to });
}

/**
 * When a group happened, said once: the span from its first to its last event, and
 * how long ago it ended — "Nov 28, 2026, 8:00 – 8:12 PM · 20 minutes ago".
 */
export function groupTime(g: HistoryGroup, now?: number): string {
  return `${timeSpan(g.created_at, g.last_at)} · ${relativeTime(g.last_at, now)}`;
}

/**
 * Grouped history, in the order given (newest first by convention), with times; the
 * first `pageSize` entries, then more on request (a phone need not lay out 300).
 */
export function HistoryList({ groups, typeNames, hrefOf, pageSize = 30 }: Props) {
  const [shown, setShown] = useState(pageSize);
  if (groups.length === 0) return <EmptyState title={t('history.empty')} />;
  const rest = groups.length - shown;
  return (
    <>
      <ol class="history" aria-label={t('history.label')}>
        {groups.slice(0, shown).map((g) => {
          const name = typeNames?.get(g.type_id);
          return (
            <li
              key={`${g.type_id}-${g.created_at}-${g.from_stage}-${g.to_stage}`}
              class="history-group"
              data-testid="history-group"
            >
              {name !== undefined && (
                <a class="history-type" href={hrefOf?.(g.type_id)}>
                  {name}
                </a>
              )}
              <span class="history-text">{describeGroup(g)}</span>
              <span class="history-meta">
                <time dateTime={g.last_at}>{groupTime(g)}</time>
                {g.events > 1 && ` · ${t('history.steps', { count: g.events })}`}
              </span>
            </li>
          );
        })}
      </ol>
      {rest > 0 && (
        <button type="button" class="btn history-more" onClick={() => setShown(shown + pageSize)}>
          {t('history.more', { count: Math.min(rest, pageSize) })}
        </button>
      )}
    </>
  );
}
