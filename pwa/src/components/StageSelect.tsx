import type { Stage } from '@mpt/shared';
import { useId } from 'preact/hooks';
import { t } from '../i18n';

interface Props {
  label: string;
  value: Stage;
  stages: readonly Stage[];
  onChange: (stage: Stage) => void;
  /** Shown after each stage name, e.g. its count. */
  suffix?: (stage: Stage) => string;
}

/** A labelled choice of stage, from the given subset. */
export function StageSelect({ label, value, stages, onChange, suffix }: Props) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value as Stage)}>
        {stages.map((s) => (
          <option key={s} value={s}>
            {t(`stages.${s}`)}
            {suffix ? ` (${suffix(s)})` : ''}
          </option>
        ))}
      </select>
    </div>
  );
}
