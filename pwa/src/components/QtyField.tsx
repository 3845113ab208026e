import { LIMITS } from '@mpt/shared';
import { useId } from 'preact/hooks';
import { t } from '../i18n';

interface Props {
  label: string;
  value: number;
  onChange: (value: number) => void;
  /** The most that makes sense (the models at the source stage); enables "All". */
  max?: number;
  /** The app's own error text for this field (shown under it, in the app's language). */
  error?: string;
}

const clamp = (n: number, max: number) => Math.max(1, Math.min(max, n));

/**
 * A quantity: a number box with −, + and (when `max` is given) "All". What is typed is
 * passed on as it is (NaN when blank, 1.5 stays 1.5): the rules are shared's, checked
 * when the form is sent, and the form shows the answer here — never the browser's own
 * bubble in the browser's language (forms carry noValidate).
 */
export function QtyField({ label, value, onChange, max, error = '' }: Props) {
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
          disabled={!(value > 1)}
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
          aria-invalid={error !== ''}
          aria-describedby={error ? `${id}-error` : undefined}
          onInput={(e) => {
            const raw = e.currentTarget.value.trim();
            onChange(raw === '' ? Number.NaN : Number(raw));
          }}
        />
        <button
          type="button"
          class="btn btn-icon"
          aria-label={t('type.move.more')}
          disabled={value >= top}
          onClick={() => onChange(clamp(Number.isNaN(value) ? 0 : value + 1, top))}
        >
          +
        </button>
        {max !== undefined && (
          <button type="button" class="btn" disabled={max < 1} onClick={() => onChange(max)}>
            {t('type.move.all')}
          </button>
        )}
      </div>
      {error && (
        <p class="form-error" role="alert" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
