/** Our own page rules: one list, one object per rule, each judged on the facts of a page. */
import { describe, expect, it } from 'vitest';
import type { PageFacts } from '../../../src/check/html/page-facts.js';
import { applyRules, PAGE_RULES } from '../../../src/check/html/page-rules.js';
import { PAGE_RULES_TOOL } from '../../../src/check/html.js';
import { VERSION } from '../../../src/version.js';

const clean: PageFacts = { file: 'brief.html', requests: [], csp: [], fontErrors: [], reflow: { scrollWidth: 320, clientWidth: 320, wide: [] } };

describe('PAGE_RULES', () => {
  it('lists every page rule once, each with what it requires and how to fix it', () => {
    expect(PAGE_RULES.map((r) => r.id)).toEqual(['external-request', 'csp-violation', 'font-load', 'reflow-320']);
    for (const rule of PAGE_RULES) {
      expect(rule.summary, rule.id).toMatch(/\.$/u);
      expect(rule.help.length, rule.id).toBeGreaterThan(20);
      expect(rule.severity).toBe('violation');
    }
    expect(PAGE_RULES.find((r) => r.id === 'reflow-320')!.wcag).toEqual(['1.4.10']);
  });

  it('finds nothing on a clean page', () => {
    expect(applyRules(PAGE_RULES, clean, PAGE_RULES_TOOL)).toEqual([]);
  });

  it('reports each problem under our own tool name and version, with the rule\'s fields', () => {
    const findings = applyRules(PAGE_RULES, {
      ...clean,
      requests: ['https://example.invalid/plaatje.png'],
      csp: [{ directive: 'style-src-elem', blocked: 'inline', sample: '' }],
      fontErrors: ['Kapot 400 normal'],
      reflow: { scrollWidth: 908, clientWidth: 320, wide: [{ selector: 'body > main > div.wide', html: '<div class="wide">x</div>', right: 908 }] },
    }, PAGE_RULES_TOOL);
    expect(findings.map((f) => f.rule)).toEqual(['external-request', 'csp-violation', 'font-load', 'reflow-320']);
    for (const f of findings) expect(f).toMatchObject({ tool: { name: 'rijkspers', version: VERSION }, severity: 'violation', fails: true });
    expect(findings[0]!.locations).toEqual([{ file: 'brief.html', object: 'https://example.invalid/plaatje.png' }]);
    expect(findings[3]).toMatchObject({
      wcag: ['1.4.10'], impact: 'serious', helpUrl: 'https://www.w3.org/WAI/WCAG22/Understanding/reflow.html',
      locations: [{ file: 'brief.html', selector: 'body > main > div.wide', snippet: '<div class="wide">x</div>' }],
    });
    expect(findings[3]!.message).toBe('At 320 CSS px the page scrolls sideways (908 px wide); this element ends at 908 px');
  });

  it('blames the whole page when it scrolls sideways but no element sticks out', () => {
    const [f] = applyRules(PAGE_RULES, { ...clean, reflow: { scrollWidth: 400, clientWidth: 320, wide: [] } }, PAGE_RULES_TOOL);
    expect(f!.locations).toEqual([{ file: 'brief.html', selector: 'html' }]);
  });
});
