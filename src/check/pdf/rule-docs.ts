/**
 * The documentation of our PDF rules, written from the rule objects themselves (docs/pdf-rules.md
 * is this text; a test keeps the two equal), so the docs cannot drift from what the checker does.
 */
import type { PdfaRule, PdfRule } from './pdf-rule.js';
import { PDF_PROFILES, PROFILES } from './profiles.js';
import { PDFA2_RULES } from './rules/pdfa/index.js';
import { PDFUA1_RULES } from './rules/pdfua/index.js';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

function row(rule: PdfRule, level?: string): string {
  const refs = [...(rule.references ?? []), ...(rule.wcag ?? []).map((w) => `WCAG ${w}`)].join(', ');
  const id = rule.helpUrl ? `[${rule.id}](${rule.helpUrl})` : rule.id;
  return `| ${id} |${level !== undefined ? ` ${level} |` : ''} ${rule.severity} | ${cell(rule.summary)} | ${cell(rule.help)} | ${cell(refs)} |`;
}

export function pdfRulesMarkdown(): string {
  const lines = [
    '# The rules of rijkspers\' PDF checker',
    '',
    'Generated from the rule objects in `src/check/pdf/rules/` (`src/check/pdf/rule-docs.ts`); do not edit by hand.',
    'Rule ids are veraPDF\'s where veraPDF has the rule, `RP-…` where it is ours.',
    '',
    '## Profiles',
    '',
    '| profile | standard | rules |',
    '|---|---|---|',
    ...PDF_PROFILES.map((p) => `| \`${p}\` | ${PROFILES[p].title} | ${PROFILES[p].rules.length} |`),
    '',
    'By default a PDF gets `pdfua1`, plus `pdfa2b`, `pdfa2u` or `pdfa2a` when its XMP claims `pdfaid:part` 2 at that conformance level.',
    '',
    `## PDF/UA-1 (\`pdfua1\`, ${PDFUA1_RULES.length} rules)`,
    '',
    '| rule | severity | requires | fix | references |',
    '|---|---|---|---|---|',
    ...PDFUA1_RULES.map((r) => row(r)),
    '',
    `## PDF/A-2 (\`pdfa2b\` ⊂ \`pdfa2u\` ⊂ \`pdfa2a\`, ${PDFA2_RULES.length} rules)`,
    '',
    '| rule | from level | severity | requires | fix | references |',
    '|---|---|---|---|---|---|',
    ...PDFA2_RULES.map((r: PdfaRule) => row(r, r.level.toUpperCase())),
    '',
  ];
  return lines.join('\n');
}
