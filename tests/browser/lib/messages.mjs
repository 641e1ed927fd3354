// Interface texts read from the app's own Fluent files, so the tests follow wording changes.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { REPO_DIR } from './harness.mjs';

const cache = new Map();

/** The message `key` in language `lang` (kk, ru, en), as written in src/i18n/locales. */
export function message(lang, key) {
  if (!cache.has(lang)) {
    const text = readFileSync(join(REPO_DIR, 'src', 'i18n', 'locales', lang, 'main.ftl'), 'utf8');
    const map = new Map();
    for (const line of text.split('\n')) {
      const m = /^([a-z0-9-]+)\s*=\s*(.*)$/.exec(line);
      if (m) map.set(m[1], m[2].trim());
    }
    cache.set(lang, map);
  }
  const value = cache.get(lang).get(key);
  if (value === undefined) throw new Error(`no message ${key} in ${lang}`);
  return value;
}

/** The message `key` in every language. */
export function inEveryLanguage(key) {
  return ['kk', 'ru', 'en'].map((lang) => message(lang, key));
}
