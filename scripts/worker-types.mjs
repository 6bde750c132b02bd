#!/usr/bin/env node
// Generates the Workers binding and runtime types (`wrangler types`) into .wrangler/types/, which git
// ignores: only when they are missing or wrangler.toml or the lock file changed since (it takes ~10 s).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const out = resolve(root, '.wrangler/types/worker-configuration.d.ts');
const inputs = ['wrangler.toml', 'package-lock.json'].map((file) => resolve(root, file));
const stale = !existsSync(out) || inputs.some((input) => statSync(input).mtimeMs > statSync(out).mtimeMs);
if (stale) {
  mkdirSync(dirname(out), { recursive: true });
  execFileSync('npx', ['wrangler', 'types', out], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  });
}
