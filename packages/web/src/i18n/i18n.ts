import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import zhCN from './zh-CN.json';

/** The languages of the app, each with its message catalogue (src/i18n/<language>.json, the same keys). */
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The catalogues by language (one i18next namespace, `translation`). */
export const CATALOGUES: Readonly<Record<Language, typeof en>> = { en, 'zh-CN': zhCN };

/** Where the chosen language is remembered. */
export const LANGUAGE_KEY = 'opencfp.language';

const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

/**
 * The language to start in: the one chosen before (localStorage), else Chinese for a browser set to any Chinese,
 * else English.
 *
 * @example initialLanguage() // 'zh-CN' after setLanguage(i18n, 'zh-CN') on this browser
 */
export function initialLanguage(): Language {
  try {
    const stored = globalThis.localStorage?.getItem(LANGUAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // storage refused (private mode, sandboxed frame): fall back to the browser's language
  }
  const browser = globalThis.navigator?.language ?? 'en';
  return browser.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/**
 * A ready i18next instance with both catalogues (initialised synchronously, so the first render has its text).
 * Missing keys fall back to English; a test checks that neither catalogue misses one.
 *
 * @example const i18n = createI18n('zh-CN'); i18n.t('nav.dashboard') // '概览'
 */
export function createI18n(language: Language = initialLanguage()): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  applyDocumentLanguage(language);
  return instance;
}

/**
 * Switches the app's language and remembers it on this browser.
 *
 * @example await setLanguage(i18n, 'zh-CN');
 */
export async function setLanguage(instance: I18n, language: Language): Promise<void> {
  await instance.changeLanguage(language);
  try {
    globalThis.localStorage?.setItem(LANGUAGE_KEY, language);
  } catch {
    // not remembered; the switch still applies to this page
  }
  applyDocumentLanguage(language);
}

/** The current language of an instance, as one of LANGUAGES. */
export function languageOf(instance: I18n): Language {
  return isLanguage(instance.language) ? instance.language : 'en';
}

function applyDocumentLanguage(language: Language): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}
