/** pa11y/HTML_CodeSniffer issues → findings, on a recorded run over test/fixtures/html/broken.html. */
import { describe, expect, it } from 'vitest';
import { htmlcsReference, pa11yFindings, type Pa11yResults } from '../../../src/check/html/pa11y.js';
import { recorded } from '../../support/recorded.js';

const results = recorded<Pa11yResults>('pa11y-broken.json');
const tool = { name: 'pa11y', version: '9.1.1 (HTML_CodeSniffer 2.6.0)' };

describe('pa11yFindings', () => {
  const findings = pa11yFindings(results, 'broken.html', tool);

  it('maps each error with its WCAG criterion, technique and link', () => {
    const alt = findings.find((f) => f.rule === 'WCAG2AA.Principle1.Guideline1_1.1_1_1.H37')!;
    expect(alt).toMatchObject({
      tool, severity: 'violation', fails: true, wcag: ['1.1.1'], profile: 'WCAG2AA', references: ['H37'],
      helpUrl: 'https://www.w3.org/WAI/WCAG22/Techniques/html/H37', help: 'WCAG success criterion 1.1.1, technique H37',
    });
    expect(alt.locations).toEqual([{ file: 'broken.html', selector: 'html > body > main > p:nth-child(3) > img', snippet: expect.stringMatching(/^<img src="data:image\/png/u) }]);
    expect(findings.find((f) => f.rule.endsWith('G18.Fail'))!.message).toContain('1.98:1');
  });

  it('keeps errors only: HTMLCS warnings and notices ask for a human and are no violations', () => {
    const issue = results.issues[0]!;
    const mixed = { issues: [issue, { ...issue, type: 'warning' as const }, { ...issue, type: 'notice' as const }] };
    expect(pa11yFindings(mixed, 'broken.html', tool)).toHaveLength(1);
    expect(findings).toHaveLength(results.issues.filter((i) => i.type === 'error').length);
  });

  it('reads the first technique of a list and knows no link for an unknown technique family', () => {
    expect(htmlcsReference('WCAG2AA.Principle2.Guideline2_4.2_4_1.G1,G123,G124.NoSuchID')).toEqual({
      wcag: ['2.4.1'], technique: 'G1', help: 'WCAG success criterion 2.4.1, technique G1', helpUrl: 'https://www.w3.org/WAI/WCAG22/Techniques/general/G1',
    });
    expect(htmlcsReference('WCAG2AA.Principle1.Guideline1_3.1_3_1.XYZ9')).toEqual({ wcag: ['1.3.1'], help: 'WCAG success criterion 1.3.1, technique XYZ9' });
  });
});
