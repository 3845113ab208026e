import type { HistoryGroup } from '@mpt/shared';
import { t } from '../i18n';
import { absoluteTime, relativeTime } from '../i18n/format';
import { EmptyState } from './EmptyState';

interface Props {
  groups: readonly HistoryGroup[];
  /** Names by type id: when given, each entry says which type it is about. */
  typeNames?: ReadonlyMap<string, string>;
  hrefOf?: (typeId: string) => string;
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

/** Grouped history, in the order given (newest first by convention), with times. */
export function HistoryList({ groups, typeNames, hrefOf }: Props) {
  if (groups.length === 0) return <EmptyState title={t('history.empty')} />;
  return (
    <ol class="history" aria-label={t('history.label')}>
      {groups.map((g) => {
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
              <time dateTime={g.created_at} title={absoluteTime(g.created_at)}>
                {relativeTime(g.last_at)}
              </time>
              {' · '}
              {absoluteTime(g.created_at)}
              {g.events > 1 && ` · ${t('history.steps', { count: g.events })}`}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
