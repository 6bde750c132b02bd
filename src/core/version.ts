/** feedwright's version, from package.json: the CLI's --version and the feeds' generator. */
import packageJson from '../../package.json' with { type: 'json' };

export const VERSION: string = packageJson.version;

/** The wrangler `init --worker` adds to a site's project: the one feedwright is built and tested with, or newer. */
export const WRANGLER_RANGE = `^${packageJson.devDependencies.wrangler}`;
