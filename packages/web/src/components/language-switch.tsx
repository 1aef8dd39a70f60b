import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, languageOf, setLanguage, type Language } from '../i18n/i18n';

/** Each language named in itself, so a reader finds theirs whatever the current one is. */
const NATIVE_NAMES: Readonly<Record<Language, string>> = { en: 'English', 'zh-CN': '简体中文' };

/**
 * Chooses the app's language (remembered on this browser).
 *
 * @example <LanguageSwitch />
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <div className="field-inline">
      <label htmlFor={id}>{t('language.label')}</label>
      <select
        id={id}
        value={languageOf(i18n)}
        onChange={(event) => void setLanguage(i18n, event.target.value as Language)}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {NATIVE_NAMES[language]}
          </option>
        ))}
      </select>
    </div>
  );
}
