/** Checks on a config file beyond its JSON schema: each rule's options against the rule's own
 * options schema (RuleMeta.optionsSchema), and each section cue for validity and for shapes that
 * could take exponential time (engine/pattern-safety.ts). Each problem is a ConfigError with the
 * file, line and column of the offending value. */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { listRules, type RuleMeta } from '../engine/index.js';
import { cuePattern } from '../engine/letter/index.js';
import { patternRisk } from '../engine/pattern-safety.js';
import { ConfigError } from './config.js';

type Locate = (path: (string | number)[]) => { line: number; column: number };

let ajv: Ajv | undefined;
const optionValidators = new Map<string, ValidateFunction>();

function optionsValidator(meta: RuleMeta): ValidateFunction | undefined {
  if (!meta.optionsSchema) return undefined;
  let v = optionValidators.get(meta.id);
  if (!v) optionValidators.set(meta.id, (v = (ajv ??= new Ajv({ allErrors: true, strict: false })).compile(meta.optionsSchema)));
  return v;
}

function describeOptionError(ruleId: string, meta: RuleMeta, e: ErrorObject): { key?: string; message: string } {
  const key = e.instancePath.split('/')[1];
  const known = Object.keys((meta.optionsSchema?.properties as Record<string, unknown>) ?? {});
  if (e.keyword === 'additionalProperties') {
    const extra = (e.params as { additionalProperty: string }).additionalProperty;
    return { key: extra, message: `rule "${ruleId}" has no option "${extra}"; its options are: ${known.join(', ')}` };
  }
  if (e.keyword === 'enum') {
    const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ');
    return { key, message: `rule "${ruleId}": option "${key}" must be one of ${allowed}` };
  }
  if (e.keyword === 'type') return { key, message: `rule "${ruleId}": option "${key}" must be a ${(e.params as { type: string }).type}` };
  return { key, message: `rule "${ruleId}": ${key ? `option "${key}" ` : 'options '}${e.message}` };
}

/** Each `"rule-id": [severity, options]` has options the rule knows, of the right types. */
export function checkRuleOptions(file: string, rules: Record<string, unknown> | undefined, locate: Locate): void {
  if (!rules) return;
  const metas = new Map(listRules().map((m) => [m.id, m]));
  for (const [id, setting] of Object.entries(rules)) {
    if (!Array.isArray(setting) || setting.length < 2) continue;
    const meta = metas.get(id);
    const options = setting[1] as Record<string, unknown>;
    if (!meta) continue;
    const validator = optionsValidator(meta);
    if (!validator) {
      if (options && Object.keys(options).length) {
        const { line, column } = locate(['rules', id, 1]);
        throw new ConfigError(file, line, column, `rule "${id}" takes no options; write "${id}": "${String(setting[0])}"`);
      }
      continue;
    }
    if (validator(options)) continue;
    const { key, message } = describeOptionError(id, meta, validator.errors![0]);
    const { line, column } = locate(key ? ['rules', id, 1, key] : ['rules', id, 1]);
    throw new ConfigError(file, line, column, message);
  }
}

/** A section cue compiles and has no shape that could take exponential time. `path` locates the
 * cue in the file (e.g. ['sections', 0, 'cues', 1]). */
export function checkCue(file: string, cue: string, locate: Locate, path: (string | number)[]): void {
  const at = () => locate(path);
  try {
    new RegExp(cuePattern(cue), 'gi');
  } catch (err) {
    const { line, column } = at();
    throw new ConfigError(file, line, column, `cue is not a valid regular expression: ${(err as Error).message}`);
  }
  const risk = patternRisk(cuePattern(cue));
  if (risk) {
    const { line, column } = at();
    throw new ConfigError(file, line, column, `cue ${JSON.stringify(cue.length > 60 ? cue.slice(0, 57) + '...' : cue)} is refused: ${risk}`);
  }
}

/** Every cue of a config file's `sections`. */
export function checkSectionCues(file: string, sections: { cues?: unknown[] }[] | undefined, locate: Locate): void {
  for (const [i, s] of (sections ?? []).entries()) {
    for (const [j, cue] of (s.cues ?? []).entries()) checkCue(file, String(cue), locate, ['sections', i, 'cues', j]);
  }
}
