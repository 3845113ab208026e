import { type Counts, STAGES, totalOf } from '@mpt/shared';

interface Props {
  counts: Counts;
  /** Accessible description, e.g. "Intercessors: 40% done"; none: hidden from screen readers. */
  label?: string;
}

/** A stacked bar: one coloured segment per stage, as wide as its share of the models. */
export function StageBar({ counts, label }: Props) {
  const total = totalOf(counts);
  const segments =
    total > 0 &&
    STAGES.map((s) =>
      counts[s] > 0 ? (
        <span key={s} class={`seg seg-${s}`} style={{ flexGrow: counts[s] }} />
      ) : null,
    );
  return label === undefined ? (
    <div class="stage-bar" aria-hidden="true">
      {segments}
    </div>
  ) : (
    <div class="stage-bar" role="img" aria-label={label}>
      {segments}
    </div>
  );
}
