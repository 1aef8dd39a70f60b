import { expect, test } from 'vitest';
import { CATALOGUES, LANGUAGES } from './i18n';

/** Every message key of a catalogue, dotted, with its text. */
function messages(catalogue: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null)
      for (const [k, v] of messages(value, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}

/** The {{placeholders}} of a message, sorted. */
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

test('both catalogues have the same keys, no empty message, and the same placeholders', () => {
  const [first, ...others] = LANGUAGES.map((language) => ({
    language,
    messages: messages(CATALOGUES[language]),
  }));
  expect(first.messages.size).toBeGreaterThan(50);
  for (const { language, messages: texts } of [first, ...others]) {
    for (const [key, text] of texts) {
      expect(typeof text, `${language}: ${key}`).toBe('string');
      expect((text as string).trim(), `${language}: ${key} is empty`).not.toBe('');
    }
  }
  for (const other of others) {
    expect([...other.messages.keys()].sort(), other.language).toEqual([...first.messages.keys()].sort());
    for (const [key, text] of first.messages)
      expect(placeholders(other.messages.get(key) as string), `${other.language}: ${key}`).toEqual(
        placeholders(text as string),
      );
  }
});

test('the Chinese catalogue is Chinese: most messages hold Han characters', () => {
  const texts = [...messages(CATALOGUES['zh-CN']).values()] as string[];
  const han = texts.filter((text) => /\p{Script=Han}/u.test(text));
  // units, e.g. 'kg CO₂e', and bare placeholders stay as they are
  expect(han.length / texts.length).toBeGreaterThan(0.9);
});
