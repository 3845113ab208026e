import { type MiniatureType, nextStage, STAGES, type Stage, totalOf } from '@mpt/shared';
import { stageName, t } from '../i18n';
import { formatNumber } from '../i18n/number';
import { hrefOf } from '../state/router';
import { StageBar } from './StageBar';

/** Height of one row in the types list, in px (styles.css: .type-row). */
export const TYPE_ROW_HEIGHT = 120;

interface Props {
  type: MiniatureType;
  onMoveOne: (typeId: string, from: Stage) => void;
}

/** One type in the list: name, progress, the five counts and a "→" per stage. */
export function TypeRow({ type, onMoveOne }: Props) {
  const total = totalOf(type.counts);
  const percent = total === 0 ? 0 : Math.floor((type.counts.DONE * 100) / total);
  return (
    <div class="type-row" data-testid="type-row" data-type-id={type.id}>
      <div class="row-head">
        <a class="type-name" href={hrefOf.type(type.id)}>
          {type.name}
        </a>
        <span class="row-done">
          {formatNumber(type.counts.DONE)}/{formatNumber(total)} · {percent}%
        </span>
      </div>
      <StageBar counts={type.counts} label={t('list.progress', { name: type.name, percent })} />
      <div class="row-stages">
        {STAGES.map((stage) => {
          const to = nextStage(stage);
          const n = type.counts[stage];
          const label = to
            ? t('list.moveOne', { name: type.name, from: stageName(stage), to: stageName(to) })
            : '';
          return (
            <div class={`cell cell-${stage}`} key={stage}>
              <span class="cell-count">
                <span class="cell-label">{stageName(stage)}</span>
                <span class="num" data-testid={`count-${stage}`}>
                  {n}
                </span>
              </span>
              {to && (
                <button
                  type="button"
                  class="step"
                  disabled={n === 0}
                  aria-label={label}
                  title={label}
                  onClick={() => onMoveOne(type.id, stage)}
                >
                  →
                </button>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
