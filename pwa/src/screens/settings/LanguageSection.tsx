import { useId } from 'preact/hooks';
import { type Language, language, setLanguage, t } from '../../i18n';

/** Language names are written in their own language, as pickers usually do. */
const NAMES: Record<Language, string> = { en: 'English', ru: 'Русский' };

/** Language choice: applies at once, everything on screen stays, remembered. */
export function LanguageSection() {
  const id = useId();
  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.language.title')}</h2>
      <div class="field">
        <label for={id}>{t('settings.language.label')}</label>
        <select
          id={id}
          value={language.value}
          onChange={(e) => void setLanguage(e.currentTarget.value as Language)}
        >
          {(Object.keys(NAMES) as Language[]).map((l) => (
            <option key={l} value={l} lang={l}>
              {NAMES[l]}
            </option>
          ))}
        </select>
      </div>
    </section>
  );
}
