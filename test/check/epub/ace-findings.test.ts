/** Ace's EARL report → findings, on the report Ace 1.4.6 wrote for the broken-ace-img fixture. */
import { describe, expect, it } from 'vitest';
import { aceFindings, type AceReport } from '../../../src/check/epub/ace.js';
import { recorded } from '../../support/recorded.js';

const tool = { name: 'ace', version: '1.4.6 (axe-core 4.11.2-canary.1)' };

describe('aceFindings', () => {
  it('maps an axe assertion with impact, WCAG criteria from its rule tags, selector, CFI and markup', () => {
    expect(aceFindings(recorded<AceReport>('ace-broken-img.json'), tool)).toEqual([{
      tool,
      rule: 'image-alt',
      severity: 'violation',
      fails: true,
      impact: 'critical',
      wcag: ['1.1.1'],
      profile: 'wcag2a',
      message: expect.stringMatching(/^Element does not have an alt attribute; aria-label attribute does not exist or is empty; /u),
      locations: [{ file: 'text.xhtml', selector: 'img', object: 'epubcfi(/4/2/8/2)', snippet: '<img xmlns="http://www.w3.org/1999/xhtml" src="logo.svg" />' }],
      help: 'Images must have alternative text',
      helpUrl: 'http://kb.daisy.org/publishing/docs/html/images.html',
    }]);
  });

  it("ignores passes, and files Ace's own (non-axe) checks under EPUB accessibility", () => {
    const findings = aceFindings({
      assertions: [
        { 'earl:testSubject': { url: 'a.xhtml' }, assertions: [{ 'earl:assertedBy': 'aXe', 'earl:test': { 'dct:title': 'region' }, 'earl:result': { 'earl:outcome': 'pass' } }] },
        {
          'earl:testSubject': { url: 'package.opf' },
          assertions: [{
            'earl:assertedBy': 'Ace',
            'earl:test': { 'dct:title': 'metadata-accessmode', 'earl:impact': 'serious', 'dct:description': 'Ensures a description of the access modes is present' },
            'earl:result': { 'earl:outcome': 'fail', 'dct:description': 'Publication must declare the "schema:accessMode" metadata' },
          }],
        },
      ],
    }, tool);
    expect(findings).toEqual([expect.objectContaining({
      rule: 'metadata-accessmode', impact: 'serious', profile: 'epub-a11y', locations: [{ file: 'package.opf' }],
      message: 'Publication must declare the "schema:accessMode" metadata',
    })]);
    expect(findings[0]!.wcag).toBeUndefined();
  });
});
