/** Which file-name suffixes are languages, the path prefix of each language, and the code feeds carry. */
import type { ReadSettings } from '../article.ts';

const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** A language this runtime knows by name (`fr`, `zh-CN`), not any two or three letters (`md`, `pm`). */
function isKnownLanguage(code: string): boolean {
  try {
    return names.of(code.replace('_', '-')) !== undefined;
  } catch {
    return false;
  }
}

/**
 * Whether a file-name suffix (`post.fr.md`) names a language: one the site configures, as in Hugo; a
 * site that configures none takes any known language.
 */
export function isLanguageOf(settings: Pick<ReadSettings, 'languages'>): (suffix: string) => boolean {
  if (settings.languages.length === 0) return isKnownLanguage;
  const keys = new Set(settings.languages.map((l) => l.key.toLowerCase()));
  return (suffix) => keys.has(suffix.toLowerCase());
}

function defaultKey(settings: Pick<ReadSettings, 'languages' | 'language'>): string {
  const wanted = settings.language.toLowerCase();
  const found = settings.languages.find(
    (l) => l.key.toLowerCase() === wanted || l.code.toLowerCase() === wanted,
  );
  return (found ?? settings.languages[0])?.key ?? settings.language;
}

/** Hugo puts the pages of every language but the default one under `/<language>/`. */
export function languagePrefix(key: string, settings: Pick<ReadSettings, 'languages' | 'language'>): string {
  return key.toLowerCase() === defaultKey(settings).toLowerCase() ? '' : `/${key.toLowerCase()}/`;
}

/** What feeds call a language: the configured code (`en` → `en-us`), or the key as written. */
export function languageCodeOf(key: string, settings: Pick<ReadSettings, 'languages'>): string {
  return settings.languages.find((l) => l.key.toLowerCase() === key.toLowerCase())?.code ?? key;
}
