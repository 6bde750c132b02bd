/**
 * What the settings' one definition (settings.ts) says to people: the README's reference table and
 * the config `feedwright init` writes. tests/config/reference.test.ts fails when the README is not
 * what this makes; `npm run docs:config` writes it.
 */
import { FEED_SETTINGS } from './settings.ts';
import { SETTINGS, type SettingPlace } from './site-config.ts';

/** A value as a config file writes it: `'text'`, `['a', 'b']`, `{ site: 50 }`. */
export function literal(value: unknown): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(
      ([key, v]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : literal(key)}: ${literal(v)}`,
    );
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return String(value);
}

/** The default as the reference shows it: the value, or what it is made from. */
function defaultText(place: SettingPlace): string | undefined {
  const { setting } = place;
  if (setting.defaultDoc !== undefined) return setting.defaultDoc;
  if (setting.default === undefined || typeof setting.default === 'function') return undefined;
  return literal(setting.default);
}

/** What `init` writes for a setting (commented out unless `init` sets it): its default, else its example. */
function shownValue(place: SettingPlace): unknown {
  const { setting } = place;
  if (setting.init !== undefined) return setting.init;
  if (setting.default !== undefined && typeof setting.default !== 'function') return setting.default;
  return setting.example;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function row(place: SettingPlace): string {
  const name = place.group ? `\`${place.group}.${place.key}\`` : `\`${place.key}\``;
  const flat = place.group ? ` (\`${place.flat}\`)` : '';
  const fallback = defaultText(place);
  const shownDefault =
    fallback === undefined ? 'none' : place.setting.defaultDoc === undefined ? `\`${fallback}\`` : fallback;
  const example = place.setting.example === undefined ? '' : ` E.g. \`${literal(place.setting.example)}\`.`;
  return `| ${name}${flat} | ${cell(place.setting.field.type)} | ${cell(shownDefault)} | ${cell(place.setting.doc + example)} |`;
}

const HEADER = '| Setting | Type | Default | What it does |\n| --- | --- | --- | --- |';

export const REFERENCE_START =
  '<!-- settings:start — made from src/config/settings.ts by `npm run docs:config`; edit there -->';
export const REFERENCE_END = '<!-- settings:end -->';

/** The README's reference: one table per group of the feed's settings, then the process's. */
export function configReference(): string {
  const groups = Object.entries(FEED_SETTINGS).map(([name, group]) => {
    const rows = SETTINGS.filter((place) => place.group === name).map(row);
    return `**\`${name}\`**: ${group.doc}\n\n${HEADER}\n${rows.join('\n')}`;
  });
  const process = SETTINGS.filter((place) => place.group === undefined).map(row);
  return [
    REFERENCE_START,
    ...groups,
    `**The process's settings**, at the top level: each is also a command-line flag, which wins; paths are relative to the config file.\n\n${HEADER}\n${process.join('\n')}`,
    REFERENCE_END,
  ].join('\n\n');
}

/** `readme` with the reference between its markers; throws when they are missing. */
export function withReference(readme: string, reference: string): string {
  const start = readme.indexOf(REFERENCE_START);
  const end = readme.indexOf(REFERENCE_END);
  if (start < 0 || end < start)
    throw new Error(`README.md has no settings section: ${REFERENCE_START} … ${REFERENCE_END}`);
  return readme.slice(0, start) + reference + readme.slice(end + REFERENCE_END.length);
}

/** `text` as `//` comment lines of at most `width` characters, indented. */
function comment(text: string, indent: string, width = 100): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && indent.length + 3 + line.length + 1 + word.length > width) {
      lines.push(`${indent}// ${line}`);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(`${indent}// ${line}`);
  return lines;
}

function settingLines(place: SettingPlace, indent: string): string[] {
  const value = `${place.key}: ${literal(shownValue(place))},`;
  return [
    ...comment(place.setting.doc, indent),
    place.setting.init === undefined ? `${indent}// ${value}` : `${indent}${value}`,
  ];
}

/** The config `feedwright init` writes: every setting, in its group, with what it does. */
export function initTemplate(importFrom = 'feedwright'): string {
  const lines = [
    `import { defineConfig } from '${importFrom}';`,
    '',
    '// feedwright: RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the site, each tag and each category.',
    '// Every setting is optional; one commented out shows its default, or an example of it.',
    'export default defineConfig({',
  ];
  for (const [name, group] of Object.entries(FEED_SETTINGS)) {
    lines.push(...comment(group.doc, '  '), `  ${name}: {`);
    for (const place of SETTINGS.filter((p) => p.group === name)) lines.push(...settingLines(place, '    '));
    lines.push('  },');
  }
  lines.push(
    ...comment(
      "The process's settings (each also a command-line flag, which wins), relative to this file.",
      '  ',
    ),
  );
  for (const place of SETTINGS.filter((p) => p.group === undefined)) lines.push(...settingLines(place, '  '));
  lines.push('});', '');
  return lines.join('\n');
}
