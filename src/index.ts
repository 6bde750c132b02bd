/**
 * `feedwright`: the config helper and types, and the programmatic API (Node): publish a content
 * folder or a list of articles in memory and render any feed, or build a folder into a folder. The Hono app is in
 * `feedwright/hono`, the Cloudflare Worker in `feedwright/worker`.
 */
export type { Catalog } from './catalog/catalog.ts';
export type { FeedScope } from './catalog/scope.ts';
export type { ArticlesConfig } from './config/articles-config.ts';
export type { PerScope, ScopeKind } from './config/scope-kinds.ts';
export {
  ConfigError,
  type ConfigInput,
  defineConfig,
  parseConfig,
  type SiteConfig,
  type UserConfig,
} from './config/site-config.ts';
export type { ArticleHead, Author } from './content/article.ts';
export type { Article, ArticleAuthor, ArticleDate, ArticleEnclosure } from './content/article-object.ts';
export type { Problem } from './core/problem.ts';
export { type FeedFormat, FORMATS } from './feeds/formats.ts';
export type { RenderedDocument } from './feeds/rendered-document.ts';
export {
  type ArticlesOptions,
  buildContent,
  type ContentOptions,
  type Publication,
  publishArticles,
  publishContent,
} from './node/publication.ts';
export type { FolderBuild } from './publish/static/build-folder.ts';
