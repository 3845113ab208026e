import type { ErrorCode, ErrorDetails, HistoryGroup } from '@mpt/shared';
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { undoErrorText } from '../i18n/error-text';
import { relativeTime, timeSpan } from '../i18n/format';
import { EmptyState } from './EmptyState';
import { Unbroken } from './Unbroken';

/** How long a history entry offers Undo (issue 13: each entry of the last 24 h). */
export const UNDO_WINDOW_MS = 24 * 60 * 60 * 1000;

interface Props {
  groups: readonly (HistoryGroup & { event_ids?: readonly string[] })[];
  /** Names by type id: when given, each entry says which type it is about. */
  typeNames?: ReadonlyMap<string, string>;
  hrefOf?: (typeId: string) => string;
  /** Entries shown at first and added by each "Show more". */
  pageSize?: number;
  /**
   * Undoes an entry: offered on entries of the last 24 h that name their events. A
   * refusal it resolves to is shown under the entry (the tap may be far down the page,
   * out of sight of the notice bar).
   */
  onUndo?: (
    group: HistoryGroup & { event_ids: readonly string[] },
  ) => Promise<UndoResult> | undefined;
  /** The time "the last 24 h" ends at (ms); now by default. */
  now?: number;
}

/** What an entry's undo came to: a refusal carries its code and details (actions' Outcome). */
export type UndoResult = { ok: true } | { ok: false; code: ErrorCode; details: ErrorDetails };

const keyOf = (g: HistoryGroup) => `${g.type_id}-${g.created_at}-${g.from_stage}-${g.to_stage}`;

/** The text of one group, e.g. "Moved 3 models from In box to Building". */
export function describeGroup(g: HistoryGroup): string {
  const models = t('common.models', { count: g.qty });
  const from = g.from_stage ? t(`stages.${g.from_stage}`) : '';
  const to = g.to_stage ? t(`stages.${g.to_stage}`) : '';
  if (g.from_stage === null) return t('history.added', { models, to });
  if (g.to_stage === null) return t('history.removed', { models, from });
  return t(g.rework ? 'history.reworked' : 'history.moved', { models, from, to });
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
export function HistoryList({ groups, typeNames, hrefOf, pageSize = 30, onUndo, now }: Props) {
  const [shown, setShown] = useState(pageSize);
  // The last refused undo, by entry: one at a time (a new tap replaces it).
  const [refused, setRefused] = useState<{ key: string; text: () => string } | null>(null);
  const undo = async (g: HistoryGroup & { event_ids: readonly string[] }) => {
    const key = keyOf(g);
    setRefused(null);
    const out = await onUndo?.(g);
    // A storage failure is not about this entry: the actions raise it as the app's
    // notice (state/actions-impl.ts), which says it once, for every kind of tap.
    if (out && !out.ok && out.code !== 'ERR_STORAGE') {
      setRefused({ key, text: () => undoErrorText(out.code, out.details) });
    }
  };
  if (groups.length === 0) return <EmptyState title={t('history.empty')} />;
  const rest = groups.length - shown;
  const since = (now ?? Date.now()) - UNDO_WINDOW_MS;
  return (
    <>
      <ol class="history" aria-label={t('history.label')}>
        {groups.slice(0, shown).map((g) => {
          const name = typeNames?.get(g.type_id);
          const key = keyOf(g);
          return (
            <li key={key} class="history-group" data-testid="history-group">
              {name !== undefined && (
                <a class="history-type" href={hrefOf?.(g.type_id)}>
                  {name}
                </a>
              )}
              <span class={`history-text${g.rework ? ' history-rework' : ''}`}>
                <Unbroken text={describeGroup(g)} />
              </span>
              <div class="history-foot">
                <span class="history-meta">
                  <time dateTime={g.last_at}>{groupTime(g, now)}</time>
                  {g.events > 1 && ` · ${t('history.steps', { count: g.events })}`}
                </span>
                {onUndo && g.event_ids && Date.parse(g.last_at) >= since && (
                  <button
                    type="button"
                    class="btn btn-small history-undo"
                    aria-label={t('history.undoLabel', {
                      what: name === undefined ? describeGroup(g) : `${name}: ${describeGroup(g)}`,
                    })}
                    onClick={() => void undo({ ...g, event_ids: g.event_ids! })}
                  >
                    {t('history.undo')}
                  </button>
                )}
              </div>
              {refused?.key === key && (
                <p class="history-refusal" role="alert">
                  {refused.text()}
                </p>
              )}
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
