/** Language tags (BCP 47, RFC 5646) as feeds carry them: `xml:lang`, RSS `language`, JSON Feed `language`. */

/** Made on first use: loading the runtime's language names costs tens of milliseconds at start-up. */
let names: Intl.DisplayNames | undefined;

/**
 * True for a well-formed BCP 47 tag whose language is one a tag can name: two letters that are an
 * ISO 639-1 code (all of them are registered), or three letters (ISO 639-2/3; not all are known
 * to this runtime, so only their form is checked). Four to eight letters are reserved or
 * registration-only, and none are registered: `english` is not a language tag.
 */
export function isLanguageTag(tag: string): boolean {
  let canonical: string | undefined;
  try {
    canonical = Intl.getCanonicalLocales(tag)[0];
  } catch {
    return false;
  }
  const language = canonical?.split('-')[0] ?? '';
  if (language.length === 3) return true;
  if (language.length !== 2) return false;
  names ??= new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
  return names.of(language) !== undefined;
}

/** What a warning about a tag that is not one says it should look like. */
export const LANGUAGE_TAG_HINT = 'a BCP 47 language tag such as "en", "pt-BR" or "zh-Hans"';
