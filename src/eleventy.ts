/**
 * `feedwright/eleventy`: every feed of an Eleventy collection, written into the site by Eleventy.
 * @example
 * // eleventy.config.js
 * import feedwright from 'feedwright/eleventy';
 * export default function (eleventyConfig) {
 *   eleventyConfig.addPlugin(feedwright, { collection: 'posts' });
 * }
 */
import { eleventyFeeds } from './frameworks/eleventy-plugin.ts';

export type { EleventyItem } from './frameworks/eleventy-items.ts';
export type { EleventyConfig, EleventyFeedsOptions } from './frameworks/eleventy-plugin.ts';
export { eleventyFeeds };
export default eleventyFeeds;
