/**
 * `feedwright/astro`: every feed of an Astro content collection from one endpoint.
 * @example
 * // src/pages/[...feed].ts
 * import { getCollection } from 'astro:content';
 * import { astroFeeds } from 'feedwright/astro';
 * export const { getStaticPaths, GET } = astroFeeds({ title: 'My blog', entries: () => getCollection('blog') });
 */
export type { AstroEntry } from './frameworks/astro-entries.ts';
export {
  type AstroContext,
  type AstroFeedRoutes,
  type AstroFeedsOptions,
  astroFeeds,
} from './frameworks/astro-routes.ts';
