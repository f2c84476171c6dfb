// In-process cost of one letter: the CPU time foilint's engine takes to lint a ~4 KB letter and a
// ~100 KB letter once everything is loaded (no start-up, no I/O), beside the parse-only floor
// (unified + remark-parse) for the same letters. With --breakdown, also where the time goes:
// foilint's parse (the block scanner, or micromark for what it declines), the letter model, and each rule.
//
//   node bench/per-letter.mjs --typical CORPUS_DIR --big BIG_DIR [--breakdown] [--json] [--source CHECKOUT]
//
// The engine is bundled with esbuild (as the CLI is) into node_modules/.cache/foilint-bench/,
// inside the package so that it finds rules/ as the CLI does.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadEngine } from './engine-bundle.mjs';
import { unified } from 'unified';
import remarkParse from 'remark-parse';

const ROOT = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { typical: { type: 'string' }, big: { type: 'string' }, breakdown: { type: 'boolean' }, json: { type: 'boolean' }, letters: { type: 'string' }, source: { type: 'string' } } });
// --source DIR: time the engine of another checkout (a folder holding server/src, rules and package.json).
const SOURCE = values.source ? resolve(values.source) : ROOT;
if (!values.typical || !values.big) {
  console.error('usage: node bench/per-letter.mjs --typical <corpus folder> --big <corpus folder> [--breakdown] [--json]');
  process.exit(2);
}

const bundle = SOURCE === ROOT ? join(ROOT, 'node_modules', '.cache', 'foilint-bench', 'engine.cjs') : join(SOURCE, 'dist', 'bench-engine.cjs');
const engine = await loadEngine(
  SOURCE,
  bundle,
  `export { lint, parseMarkdown, buildLetter, chooseTemplate } from './server/src/engine/index.ts';
export { allRules } from './server/src/engine/rules/index.ts';
export { loadConfigFor } from './server/src/host/config.ts';`,
);

function pick(dir, test, limit) {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  return manifest.files.filter(test).slice(0, limit).map((f) => ({ path: join(dir, f.file), text: readFileSync(join(dir, f.file), 'utf8'), bytes: f.bytes }));
}
// "A 4 KB letter": the corpus's letters between 3.5 and 4.5 KB.
const typical = pick(values.typical, (f) => f.bytes >= 3584 && f.bytes <= 4608, Number(values.letters ?? 100));
const big = pick(values.big, () => true, 5);
const { config } = engine.loadConfigFor(typical[0].path);
const floor = unified().use(remarkParse);

/** CPU milliseconds of this process (user + system): steadier than the clock on a shared machine,
 * where another process may take the core in the middle of a letter. */
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** Median over letters of each letter's mean CPU time (ms) over `reps` runs: the mean, so that
 * the garbage collection a letter causes counts, wherever it falls. */
function timePerLetter(letters, reps, fn) {
  for (const l of letters) fn(l.text, l.path); // warm-up: JIT and caches
  const perLetter = letters.map((l) => {
    const t0 = cpuMs();
    for (let i = 0; i < reps; i++) fn(l.text, l.path);
    return (cpuMs() - t0) / reps;
  });
  return median(perLetter);
}

const lintOne = (text, path) => engine.lint(text, { path, config });
const result = {
  typicalLetters: typical.length,
  typicalBytes: median(typical.map((l) => l.bytes)),
  bigLetters: big.length,
  bigBytes: median(big.map((l) => l.bytes)),
  floorTypicalMs: timePerLetter(typical, 10, (t) => floor.parse(t)),
  floorBigMs: timePerLetter(big, 5, (t) => floor.parse(t)),
  foilintTypicalMs: timePerLetter(typical, 10, lintOne),
  foilintBigMs: timePerLetter(big, 5, lintOne),
};

if (values.breakdown) {
  // The engine's stages, timed one by one (rules share memoised parts of the letter model; the
  // first rule to ask pays for them).
  const stages = (letters, reps) => {
    const totals = new Map();
    const add = (k, ms) => totals.set(k, (totals.get(k) ?? 0) + ms);
    for (let rep = 0; rep < reps + 1; rep++) {
      for (const l of letters) {
        let t = cpuMs();
        const lap = (k) => {
          const now = cpuMs();
          if (rep > 0) add(k, now - t);
          t = now;
        };
        const tree = engine.parseMarkdown(l.text);
        lap('parse (block scanner, or micromark)');
        const { template } = engine.chooseTemplate(l.text, config);
        const letter = engine.buildLetter(l.text, tree, config, template);
        lap('letter model (buildLetter)');
        for (const rule of engine.allRules) {
          rule.check({ letter, config, template, pack: config.packs[letter.regime.regime], options: {}, report: () => {} });
          lap(`rule ${rule.meta.id}`);
        }
      }
    }
    return [...totals].map(([stage, ms]) => ({ stage, ms: ms / (reps * letters.length) })).sort((a, b) => b.ms - a.ms);
  };
  result.breakdownTypical = stages(typical, 5);
  result.breakdownBig = stages(big, 3);
}

if (values.json) {
  console.log(JSON.stringify(result));
} else {
  const f = (ms) => `${ms.toFixed(2)} ms`;
  console.log(`per letter, in process (median of ${typical.length} letters of about ${(result.typicalBytes / 1024).toFixed(1)} KB and ${big.length} of about ${(result.bigBytes / 1024).toFixed(0)} KB):`);
  console.log(`  parse-only floor: ${f(result.floorTypicalMs)} / ${f(result.floorBigMs)}  (${(result.floorBigMs / result.floorTypicalMs).toFixed(1)}x)`);
  console.log(`  foilint lint():   ${f(result.foilintTypicalMs)} / ${f(result.foilintBigMs)}  (${(result.foilintBigMs / result.foilintTypicalMs).toFixed(1)}x)`);
  for (const key of ['breakdownTypical', 'breakdownBig']) {
    if (!result[key]) continue;
    console.log(`\n${key === 'breakdownTypical' ? 'typical letter' : '100 KB letter'}: where the time goes (ms per letter)`);
    for (const s of result[key]) console.log(`  ${s.ms.toFixed(3).padStart(8)}  ${s.stage}`);
  }
}
