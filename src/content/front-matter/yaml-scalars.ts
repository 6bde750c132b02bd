/**
 * How unquoted YAML scalars read. feedwright keeps every scalar as the text written and types it per
 * field; Hugo 0.111 (gopkg.in/yaml.v2) and Jekyll (Ruby's Psych) read YAML 1.1, where `10_001` is
 * the number 10001, `yes` is true and `0x1F` is 31, and print those values back as text: a title or a
 * tag comes out as they print it. Only plain scalars are typed (a quoted `"yes"` stays text), so these
 * schemas turn each typed plain scalar into the text the generator would print, and keep the rest.
 */
import yaml from 'js-yaml';

/** `text`: as written; `go`: YAML 1.1 printed as Go does (Hugo); `ruby`: as Ruby does (Jekyll). */
export type YamlScalars = 'text' | 'go' | 'ruby';

const BOOL_TRUE = /^(?:y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const BOOL_FALSE = /^(?:n|N|no|No|NO|false|False|FALSE|off|Off|OFF)$/;
const NULL = /^(?:~|null|Null|NULL)$/;
const INT = /^[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0[0-7_]+|0|[1-9][0-9_]*)$/;
const FLOAT = /^[-+]?(?:\.[0-9_]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$/;
/** A YAML timestamp with a time and no zone: Psych reads it as UTC (Hugo's yaml.v2 keeps the text). */
const ZONELESS_TIMESTAMP = /^\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|[ \t]+)\d{1,2}:\d{2}:\d{2}(?:\.\d*)?$/;

function intValue(text: string): bigint {
  const sign = text.startsWith('-') ? -1n : 1n;
  const digits = text.replace(/^[-+]/, '').replaceAll('_', '');
  if (/^0[0-7]+$/.test(digits)) return sign * BigInt(`0o${digits.slice(1)}`);
  return sign * BigInt(digits);
}

/** Go's strconv.FormatFloat(f, 'f', -1, 64): shortest digits, never an exponent. */
function goFloat(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return BigInt(value).toString();
  const text = String(value);
  if (!/e/.test(text)) return text;
  return value.toFixed(20).replace(/\.?0+$/, '');
}

/** Ruby's Float#to_s: always a decimal point (`3.0`), an exponent from 1e16 on. */
function rubyFloat(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return `${value}.0`;
  return String(value).replace(/e\+?/, 'e+').replace('e+-', 'e-');
}

function scalarType(tag: string, test: (text: string) => boolean, print: (text: string) => unknown) {
  return new yaml.Type(tag, {
    kind: 'scalar',
    resolve: (data: unknown) => typeof data === 'string' && test(data),
    construct: (data: string) => print(data),
  });
}

function schemaFor(printFloat: (value: number) => string, utcTimestamps: boolean): yaml.Schema {
  const implicit = [
    scalarType(
      'tag:yaml.org,2002:null',
      (t) => NULL.test(t),
      () => null,
    ),
    scalarType(
      'tag:yaml.org,2002:bool',
      (t) => BOOL_TRUE.test(t) || BOOL_FALSE.test(t),
      (t) => String(BOOL_TRUE.test(t)),
    ),
    scalarType(
      'tag:yaml.org,2002:int',
      (t) => INT.test(t) && /\d/.test(t),
      (t) => intValue(t).toString(),
    ),
    scalarType(
      'tag:yaml.org,2002:float',
      (t) => FLOAT.test(t) && /\d/.test(t),
      (t) => printFloat(Number(t.replaceAll('_', ''))),
    ),
  ];
  if (utcTimestamps) {
    implicit.push(
      scalarType(
        'tag:yaml.org,2002:timestamp',
        (t) => ZONELESS_TIMESTAMP.test(t),
        (t) => `${t} +00:00`,
      ),
    );
  }
  return new yaml.Schema({ include: [yaml.FAILSAFE_SCHEMA], implicit });
}

const SCHEMAS: Readonly<Record<YamlScalars, yaml.Schema>> = {
  text: yaml.FAILSAFE_SCHEMA,
  go: schemaFor(goFloat, false),
  ruby: schemaFor(rubyFloat, true),
};

/**
 * Parses YAML with scalars read as `scalars` says. Hugo's and Jekyll's parsers take a key written
 * twice as its last value (`json: true`); feedwright's own reading reports it.
 */
export function loadYaml(text: string, scalars: YamlScalars): unknown {
  return yaml.load(text, { schema: SCHEMAS[scalars], json: scalars !== 'text' });
}
