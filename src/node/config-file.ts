/** Loads the site config file (Node): `feedwright.config.ts`, `.js`, `.mjs` or `.json`, then applies flags. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, parseConfig, type SiteConfig, type SiteConfigInput } from '../config/site-config.ts';

const CANDIDATES = [
  'feedwright.config.ts',
  'feedwright.config.mjs',
  'feedwright.config.js',
  'feedwright.config.json',
];

/** A TypeScript config is bundled by esbuild (a few ms) and imported from memory: no loader hooks at run time. */
async function importTypeScript(path: string): Promise<SiteConfigInput> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [path],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text ?? '';
  const module = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as {
    default: SiteConfigInput;
  };
  return module.default;
}

export async function loadConfig(
  explicitPath: string | undefined,
  overrides: SiteConfigInput,
): Promise<SiteConfig> {
  const path = explicitPath
    ? resolve(explicitPath)
    : CANDIDATES.map((name) => resolve(name)).find((candidate) => existsSync(candidate));
  let fromFile: SiteConfigInput = {};
  if (path) {
    try {
      fromFile = path.endsWith('.json')
        ? (JSON.parse(await readFile(path, 'utf8')) as SiteConfigInput)
        : path.endsWith('.ts')
          ? await importTypeScript(path)
          : ((await import(pathToFileURL(path).href)) as { default: SiteConfigInput }).default;
    } catch (error) {
      throw new ConfigError([`cannot load ${path}: ${(error as Error).message}`]);
    }
    if (!fromFile || typeof fromFile !== 'object') throw new ConfigError([`${path} must export an object`]);
  }
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  return parseConfig({ ...fromFile, ...defined });
}
