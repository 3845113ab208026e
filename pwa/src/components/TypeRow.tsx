import {
  type MiniatureType,
  nextStage,
  STAGES,
  type Stage,
  totalOf,
  wholePercent,
} from '@mpt/shared';
import { Component } from 'preact';
import { stageName, t } from '../i18n';
import { formatNumber, longestCount } from '../i18n/number';
import { hrefOf } from '../state/router';
import { narrow } from '../state/viewport';
import { StageBar } from './StageBar';

/**
 * Height of one row in the types list, in px (styles/list.css: .type-row): on a phone
 * each count sits over its "→", so the row is taller.
 */
export const typeRowHeight = (): number => (narrow.value ? 156 : 120);

interface Props {
  type: MiniatureType;
  onMoveOne: (typeId: string, from: Stage) => void;
}

/**
 * One count: every digit, grouped as the language does, never cut off (the row's font
 * shrinks for its longest count, styles/list.css), so 99 999 reads at 320 px. Screen
 * readers hear the stage and the number instead (list.countLabel).
 */
function Count({ stage, n }: { stage: Stage; n: number }) {
  return (
    <span class="cell-count">
      <span class="cell-label" aria-hidden="true">
        <span class="label-short">{t(`stageShort.${stage}`)}</span>
        <span class="label-full">{stageName(stage)}</span>
      </span>
      <span class="num" data-testid={`count-${stage}`} aria-hidden="true">
        {formatNumber(n)}
      </span>
      <span class="sr-only">{t('list.countLabel', { stage: stageName(stage), count: n })}</span>
    </span>
  );
}

/**
 * One type in the list: its name (the whole top of the row opens it), progress, the
 * five counts each named by its stage, and a "→" per stage.
 */
export function TypeRow({ type, onMoveOne }: Props) {
  const total = totalOf(type.counts);
  const percent = wholePercent(type.counts.DONE, total);
  return (
    <div class="type-row" data-testid="type-row" data-type-id={type.id}>
      <div class="row-top">
        <div class="row-head">
          <a class="type-name" href={hrefOf.type(type.id)}>
            {type.name}
          </a>
          <span class="row-done">
            {/* On a phone only the share: the name needs the room, Done has its cell. */}
            <span class="row-done-of">
              {formatNumber(type.counts.DONE)}/{formatNumber(total)} ·{' '}
            </span>
            {percent}%
          </span>
        </div>
        <StageBar counts={type.counts} label={t('list.progress', { name: type.name, percent })} />
      </div>
      <div class="row-stages" style={{ '--chars': longestCount(type.counts) }}>
        {STAGES.map((stage) => {
          const to = nextStage(stage);
          const n = type.counts[stage];
          const label = to
            ? t('list.moveOne', { name: type.name, from: stageName(stage), to: stageName(to) })
            : '';
          return (
            <div class={`cell cell-${stage}`} key={stage}>
              <Count stage={stage} n={n} />
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

/**
 * TypeRow for the list: it renders again only when its own type changed (a new record
 * after a move), so a "→" re-renders one row, not every row on screen — at 10 000 types
 * on a phone that is most of a move's time. The language still reaches it: the row
 * reads the language signal and re-renders itself when it changes.
 */
export class ListTypeRow extends Component<Props> {
  override shouldComponentUpdate(next: Props): boolean {
    return next.type !== this.props.type || next.onMoveOne !== this.props.onMoveOne;
  }
  override render() {
    return <TypeRow type={this.props.type} onMoveOne={this.props.onMoveOne} />;
  }
}
