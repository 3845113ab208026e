import type { Counts, Stage } from '@mpt/shared';
import { useId } from 'preact/hooks';
import { t } from '../i18n';
import { formatNumber } from '../i18n/number';

interface Props {
  label: string;
  value: Stage;
  stages: readonly Stage[];
  onChange: (stage: Stage) => void;
  /** Each stage's count, shown after its name grouped as everywhere («12 345»). */
  counts?: Counts;
}

/** A labelled choice of stage, from the given subset. */
export function StageSelect({ label, value, stages, onChange, counts }: Props) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value as Stage)}>
        {stages.map((s) => (
          <option key={s} value={s}>
            {t(`stages.${s}`)}
            {counts ? ` (${formatNumber(counts[s])})` : ''}
          </option>
        ))}
      </select>
    </div>
  );
}
