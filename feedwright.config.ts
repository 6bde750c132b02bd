import { defineConfig } from './src/index.ts';

/** The site feedwright publishes. Every field is optional; see src/config/site-config.ts for defaults. */
export default defineConfig({
  title: 'feedwright sample site',
  siteUrl: 'http://127.0.0.1:8787/',
  description: 'Sample articles in Chinese and English, published as RSS, Atom and JSON Feed.',
  language: 'en',
  timeZone: 'Asia/Shanghai',
  permalink: '/posts/:slug/',
  itemLimit: 20,
  author: { name: 'feedwright' },
});
