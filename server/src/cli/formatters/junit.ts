/** JUnit XML: one testsuite per file, one failing testcase per finding, one passing testcase for a clean file. */
import type { RuleMeta } from '../../engine/types.js';
import type { FileResult } from '../types.js';

/** Escapes text for XML content and attributes; drops characters XML 1.0 cannot hold. */
export function xmlEscape(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export default function junit(results: FileResult[], _ruleMetas: RuleMeta[]): string {
  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>'];
  const failures = results.reduce((n, r) => n + r.findings.length, 0);
  const tests = results.reduce((n, r) => n + Math.max(1, r.findings.length), 0);
  out.push(`<testsuites name="foilint" tests="${tests}" failures="${failures}" errors="0">`);
  for (const r of results) {
    const path = xmlEscape(r.filePath);
    out.push(`  <testsuite name="${path}" tests="${Math.max(1, r.findings.length)}" failures="${r.findings.length}" errors="0" skipped="0">`);
    if (!r.findings.length) out.push(`    <testcase name="${path}" classname="${path}" />`);
    for (const f of r.findings) {
      const where = `${f.startPos.line}:${f.startPos.column}`;
      out.push(`    <testcase name="${xmlEscape(`${f.ruleId} at ${where}`)}" classname="${path}">`);
      out.push(
        `      <failure message="${xmlEscape(f.message)}" type="${xmlEscape(f.severity)}">${xmlEscape(`${f.severity} at ${r.filePath}:${where}: ${f.message} (${f.ruleId})`)}</failure>`,
      );
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
