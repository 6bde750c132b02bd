// Writes the settings reference into README.md, between its markers, from src/config/settings.ts:
// `npm run docs:config`. tests/config/reference.test.ts fails while the README says anything else.
import { readFileSync, writeFileSync } from 'node:fs';
import { configReference, withReference } from '../src/config/reference.ts';

const readme = new URL('../README.md', import.meta.url);
const text = readFileSync(readme, 'utf8');
const updated = withReference(text, configReference());
if (updated === text) console.log('README.md: the settings reference is up to date');
else {
  writeFileSync(readme, updated);
  console.log('README.md: settings reference written');
}
