/** Loads the site config file (Node): `feedwright.config.ts`, `.js`, `.mjs` or `.json`, then applies flags. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, type ConfigInput, parseConfig, type SiteConfig } from '../config/site-config.ts';
import { errorMessage, isRecord } from '../core/guards.ts';

const CANDIDATES = [
  'feedwright.config.ts',
  'feedwright.config.mjs',
  'feedwright.config.js',
  'feedwright.config.json',
];

/** A TypeScript config is bundled by esbuild (a few ms) and imported from memory: no loader hooks at run time. */
async function importTypeScript(path: string): Promise<unknown> {
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
  const module: unknown = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return isRecord(module) ? module.default : undefined;
}

async function importDefault(path: string): Promise<unknown> {
  const module: unknown = await import(pathToFileURL(path).href);
  return isRecord(module) ? module.default : undefined;
}

export async function loadConfig(
  explicitPath: string | undefined,
  overrides: ConfigInput,
): Promise<SiteConfig> {
  const path = explicitPath
    ? resolve(explicitPath)
    : CANDIDATES.map((name) => resolve(name)).find((candidate) => existsSync(candidate));
  let fromFile: ConfigInput = {};
  if (path) {
    let loaded: unknown;
    try {
      loaded = path.endsWith('.json')
        ? JSON.parse(await readFile(path, 'utf8'))
        : path.endsWith('.ts')
          ? await importTypeScript(path)
          : await importDefault(path);
    } catch (error) {
      throw new ConfigError([`cannot load ${path}: ${errorMessage(error)}`]);
    }
    if (!isRecord(loaded)) throw new ConfigError([`${path} must export an object`]);
    fromFile = loaded;
  }
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  return parseConfig({ ...fromFile, ...defined });
}
