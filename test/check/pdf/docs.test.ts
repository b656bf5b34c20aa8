/** docs/pdf-rules.md is what the rule objects say (UPDATE_DOCS=1 rewrites it). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfRulesMarkdown } from '../../../src/check/pdf/rule-docs.js';
import { PDF_PROFILES, PROFILES } from '../../../src/check/pdf/index.js';

const DOC = join(import.meta.dirname, '..', '..', '..', 'docs', 'pdf-rules.md');

describe('the PDF rule documentation', () => {
  it('is generated from the rule objects', () => {
    const text = pdfRulesMarkdown();
    if (process.env.UPDATE_DOCS === '1') writeFileSync(DOC, text);
    expect(readFileSync(DOC, 'utf8'), 'docs/pdf-rules.md is stale: run UPDATE_DOCS=1 npx vitest run test/check/pdf/docs.test.ts').toBe(text);
  });

  it('lists every rule of every profile once, each with its texts', () => {
    const text = pdfRulesMarkdown();
    for (const profile of PDF_PROFILES) {
      const ids = PROFILES[profile].rules.map((r) => r.id);
      expect(new Set(ids).size, profile).toBe(ids.length);
      for (const rule of PROFILES[profile].rules) {
        expect(rule.summary.length, rule.id).toBeGreaterThan(15);
        expect(rule.help.length, rule.id).toBeGreaterThan(5);
        expect(text).toContain(rule.id);
      }
    }
  });
});
