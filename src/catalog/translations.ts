/** Articles that share a translationKey link to each other by language. */
import type { ArticleHead, Translation } from '../content/article.ts';

export function linkTranslations(heads: readonly ArticleHead[]): ArticleHead[] {
  const groups = new Map<string, ArticleHead[]>();
  for (const head of heads) {
    const group = groups.get(head.translationKey);
    if (group) group.push(head);
    else groups.set(head.translationKey, [head]);
  }
  return heads.map((head) => {
    const group = groups.get(head.translationKey) ?? [];
    if (group.length < 2) return head;
    const translations: Translation[] = [...head.translations];
    for (const other of group) {
      const known = translations.some((t) => t.language.toLowerCase() === other.language.toLowerCase());
      if (other !== head && other.language.toLowerCase() !== head.language.toLowerCase() && !known) {
        translations.push({ language: other.language, url: other.permalink });
      }
    }
    return translations.length === head.translations.length ? head : { ...head, translations };
  });
}
