/** feedwright's public API. */
export {
  ConfigError,
  type ConfigInput,
  defineConfig,
  parseConfig,
  type SiteConfig,
  type UserConfig,
} from './config/site-config.ts';
