import { defineRule, docsPath } from './define.js';

export default defineRule({
  meta: {
    id: 'section-order',
    description: "Required sections appear in the template's order",
    defaultSeverity: 'warning',
    fixable: 'none',
    docs: docsPath('section-order'),
  },
  check({ letter, template, report }) {
    const found = template.sections.map((spec) => letter.presence.get(spec.id)).filter((p) => p !== undefined);
    // Each section should begin after every section the template puts before it.
    let latest = found[0];
    for (const p of found.slice(1)) {
      if (latest && p.start < latest.start) {
        report({
          message: `"${p.spec.title}" comes before "${latest.spec.title}", but the template "${template.id}" puts "${latest.spec.title}" first. Move the "${p.spec.title}" section after it.`,
          start: p.start,
          end: Math.min(p.end, letter.text.indexOf('\n', p.start) >= 0 ? letter.text.indexOf('\n', p.start) : p.end),
        });
      } else latest = p;
    }
  },
});
