#!/usr/bin/env node
// Generates the Workers binding and runtime types (`wrangler types`) into .wrangler/types/, which git
// ignores: only when they are missing or wrangler.toml or the lock file changed since (it takes ~10 s).
// `wrangler types` would run wrangler.toml's [build] first, rebuilding dist/ under whatever is running
// from it (the tests, beside which npm test type-checks): it is given a copy of the config without
// [build]. The file is replaced whole, so a type check beside another run never reads half of it.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse, stringify } from 'smol-toml';

const root = resolve(import.meta.dirname, '..');
const out = resolve(root, '.wrangler/types/worker-configuration.d.ts');
const inputs = ['wrangler.toml', 'package-lock.json'].map((file) => resolve(root, file));
const stale = !existsSync(out) || inputs.some((input) => statSync(input).mtimeMs > statSync(out).mtimeMs);
if (stale) {
  const config = parse(readFileSync(resolve(root, 'wrangler.toml'), 'utf8'));
  delete config.build;
  // Paths in a config are relative to it: the copy lives elsewhere.
  if (typeof config.main === 'string') config.main = resolve(root, config.main);
  if (typeof config.assets?.directory === 'string')
    config.assets.directory = resolve(root, config.assets.directory);
  // Made beside the real folder, at its depth: the file imports the Worker by a relative path.
  mkdirSync(dirname(out), { recursive: true });
  const work = mkdtempSync(resolve(root, '.wrangler/types-'));
  try {
    const configPath = join(work, 'wrangler.toml');
    writeFileSync(configPath, stringify(config));
    const generated = join(work, 'worker-configuration.d.ts');
    execFileSync(
      process.execPath,
      [resolve(root, 'node_modules/wrangler/bin/wrangler.js'), 'types', generated, '--config', configPath],
      {
        cwd: root,
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
      },
    );
    renameSync(generated, out);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
