import type { Rule } from '../types.js';

/** Declares a rule; the identity function gives rule files one checked shape. */
export function defineRule(rule: Rule): Rule {
  return rule;
}

export function docsPath(id: string): string {
  return `rules/docs/${id}.md`;
}
