/** feedwright's version, from package.json: the CLI's --version and the feeds' generator. */
import packageJson from '../../package.json' with { type: 'json' };

export const VERSION: string = packageJson.version;
