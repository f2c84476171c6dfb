// The parse-only floor: read every letter under DIR and parse it with unified + remark-parse,
// nothing else, in one process. A remark-based linter cannot do less work per letter on one core.
//   node bench/parse-floor.mjs DIR
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node bench/parse-floor.mjs <folder>');
  process.exit(2);
}
const processor = unified().use(remarkParse);
let files = 0;
let nodes = 0;
for (const rel of readdirSync(dir, { recursive: true })) {
  if (!/\.(md|markdown|txt)$/.test(rel)) continue;
  const tree = processor.parse(readFileSync(join(dir, rel), 'utf8'));
  nodes += tree.children.length;
  files++;
}
console.log(`parse-floor: ${files} letters, ${nodes} top-level nodes`);
