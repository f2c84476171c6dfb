/** Regenerates the rules table in README.md from the rules' metadata:
 *   npx tsx scripts/update-readme.ts
 * Only the text between <!-- rules-table:start --> and <!-- rules-table:end --> changes. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { listRules } from '../server/src/engine/index.js';
import { renderRulesTable, replaceRulesTable, TABLE_END, TABLE_START } from './rules-table.js';

const readmePath = join(resolve(__dirname, '..'), 'README.md');

if (!existsSync(readmePath)) {
  console.error(`update-readme: ${readmePath} does not exist. Create it with the lines ${TABLE_START} and ${TABLE_END} where the rules table goes.`);
  process.exit(1);
}
const readme = readFileSync(readmePath, 'utf8');
const next = replaceRulesTable(readme, renderRulesTable(listRules()));
if (next === undefined) {
  console.error(`update-readme: README.md has no rules-table markers. Add the lines ${TABLE_START} and ${TABLE_END} where the rules table goes.`);
  process.exit(1);
}
if (next === readme) {
  console.log('update-readme: the rules table in README.md is up to date.');
} else {
  writeFileSync(readmePath, next);
  console.log(`update-readme: rewrote the rules table in README.md (${listRules().length} rules).`);
}
