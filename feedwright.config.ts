import { defineConfig } from './src/index.ts';

/** The site feedwright publishes. Every setting is optional; README.md's "Configuration" has them all. */
export default defineConfig({
  identity: {
    title: 'feedwright sample site',
    siteUrl: 'http://127.0.0.1:8787/',
    description: 'Sample articles in Chinese and English, published as RSS, Atom and JSON Feed.',
    language: 'en',
    author: { name: 'feedwright' },
  },
  articles: { timeZone: 'Asia/Shanghai', permalink: '/posts/:slug/' },
  feeds: { itemLimit: 20 },
});
