import { LIMITS } from '@mpt/shared';
import { useId } from 'preact/hooks';
import { t } from '../i18n';

interface Props {
  label: string;
  value: number;
  onChange: (value: number) => void;
  /** The most that makes sense (the models at the source stage); enables "All". */
  max?: number;
}

const clamp = (n: number, max: number) => Math.max(1, Math.min(max, n));

/** A quantity: a number box with −, + and (when `max` is given) "All". */
export function QtyField({ label, value, onChange, max }: Props) {
  const id = useId();
  const top = max ?? LIMITS.qty;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <div class="qty">
        <button
          type="button"
          class="btn btn-icon"
          aria-label={t('type.move.less')}
          disabled={value <= 1}
          onClick={() => onChange(clamp(value - 1, top))}
        >
          −
        </button>
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={1}
          max={top}
          step={1}
          value={Number.isNaN(value) ? '' : value}
          onInput={(e) => onChange(Number.parseInt(e.currentTarget.value, 10))}
        />
        <button
          type="button"
          class="btn btn-icon"
          aria-label={t('type.move.more')}
          disabled={value >= top}
          onClick={() => onChange(clamp(value + 1, top))}
        >
          +
        </button>
        {max !== undefined && (
          <button type="button" class="btn" disabled={max < 1} onClick={() => onChange(max)}>
            {t('type.move.all')}
          </button>
        )}
      </div>
    </div>
  );
}
