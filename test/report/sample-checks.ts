/**
 * Check results as the checkers return them (src/check/types.ts), made by hand so the report
 * tests need no browser or JVM: in each format a violation with every kind of location the tool
 * gives (HTML: selector and snippet; EPUB: file, line and column; PDF: page and object), a warning,
 * an optional tool that is not installed, and help texts and links.
 */
import type { CheckResult, Finding, OutputFormat, ToolId, ToolRun } from '../../src/check/types.js';

const AXE: ToolId = { name: 'axe', version: '4.14.1' };
const PA11Y: ToolId = { name: 'pa11y', version: '9.1.1 (HTML_CodeSniffer 2.6.0)' };
const CHROMIUM: ToolId = { name: 'chromium', version: '156.0.8078.114' };
const OWN: ToolId = { name: 'rijkspers', version: '0.1.0' };
const EPUBCHECK: ToolId = { name: 'epubcheck', version: '4.2.6' };
const ACE: ToolId = { name: 'ace', version: '1.4.6 (axe-core 4.11.2)' };
const QPDF: ToolId = { name: 'qpdf', version: '11.3.0' };
const VERAPDF: ToolId = { name: 'verapdf' };

const ran = (tool: ToolId, checked?: number): ToolRun => ({ tool, ran: true, durationMs: 123, ...(checked !== undefined ? { checked } : {}) });

export const HTML_VIOLATION: Finding = {
  tool: AXE, rule: 'color-contrast', severity: 'violation', fails: true, impact: 'serious', wcag: ['1.4.3'], profile: 'wcag22aa',
  message: 'Elements must meet minimum color contrast ratio thresholds',
  locations: [{ selector: '#b3 > a', snippet: '<a href="https://example.org">meer</a>' }],
  help: 'Ensure the contrast between foreground and background colors meets WCAG 2 AA minimum contrast ratio thresholds',
  helpUrl: 'https://dequeuniversity.com/rules/axe/4.14/color-contrast',
  passes: ['light', 'dark'],
};

export const HTML_WARNING: Finding = {
  tool: PA11Y, rule: 'WCAG2AA.Principle1.Guideline1_3.1_3_1.H48', severity: 'warning', fails: false, wcag: ['1.3.1'],
  message: 'If this element contains a navigation section, it is recommended that it be marked up as a list.',
  locations: [{ selector: '#letterhead > p:nth-child(2)', snippet: '<p>Postbus 20018</p>' }],
};

export const EPUB_VIOLATION: Finding = {
  tool: EPUBCHECK, rule: 'RSC-005', severity: 'violation', fails: true,
  message: 'Error while parsing file: element "p" not allowed here',
  locations: [{ file: 'EPUB/brief.xhtml', line: 12, column: 7 }],
  help: 'Fix the markup of the content document so it is valid XHTML.',
  helpUrl: 'https://www.w3.org/publishing/epubcheck/docs/messages/',
};

export const EPUB_IMAGE: Finding = {
  tool: ACE, rule: 'image-alt', severity: 'violation', fails: true, impact: 'critical', wcag: ['1.1.1'],
  message: 'Images must have alternative text',
  locations: [{ file: 'EPUB/bijlage.xhtml', selector: '#b7', snippet: '<img src="grafiek.png" id="b7">' }],
  helpUrl: 'https://dequeuniversity.com/rules/axe/4.11/image-alt',
};

export const PDF_VIOLATION: Finding = {
  tool: OWN, rule: '7.1-3', severity: 'violation', fails: true, profile: 'pdfua1', references: ['Matterhorn 01-005'], count: 3,
  message: 'Content is neither marked as Artifact nor tagged as real content',
  locations: [{ page: 2, object: '12 0 R' }],
  help: 'Tag the text or mark it as an artifact.',
  helpUrl: 'https://docs.verapdf.org/validation/pdfa-part1/',
};

export const PDF_HEADING: Finding = {
  tool: OWN, rule: 'RP-heading-text', severity: 'violation', fails: true, profile: 'pdfua1', references: ['Matterhorn 14-002'],
  message: 'A heading structure element has no text',
  locations: [{ page: 1, object: 'H2 (ID b5-kop)' }],
  help: 'Give the heading its text.',
};

/** The check result of one output `file` of `format`, with the findings above. */
export function sampleCheck(format: OutputFormat, file: string): CheckResult {
  switch (format) {
    case 'html':
      return { format, file, passed: false, tools: [ran(CHROMIUM), ran(OWN, 4), ran(PA11Y), ran(AXE, 39)], findings: [HTML_VIOLATION, HTML_WARNING] };
    case 'epub':
      return { format, file, passed: false, tools: [ran(EPUBCHECK), ran(ACE)], findings: [EPUB_VIOLATION, EPUB_IMAGE] };
    case 'pdf':
      return {
        format, file, passed: false,
        tools: [ran(OWN, 84), ran(QPDF), { tool: VERAPDF, ran: false, optional: true, error: 'verapdf is not installed', durationMs: 3 }],
        findings: [PDF_VIOLATION, PDF_HEADING],
      };
  }
}

/** A check that passed, for contrast. */
export function passingCheck(format: OutputFormat, file: string): CheckResult {
  return { format, file, passed: true, tools: [ran(format === 'pdf' ? QPDF : format === 'epub' ? EPUBCHECK : AXE)], findings: [] };
}

/** A check whose tool could not run. */
export function brokenCheck(format: OutputFormat, file: string): CheckResult {
  const tool = format === 'epub' ? EPUBCHECK : format === 'pdf' ? QPDF : CHROMIUM;
  return {
    format, file, passed: false,
    tools: [{ tool, ran: false, error: 'timed out after 60 s', durationMs: 60_000 }],
    findings: [{ tool, rule: 'tool-failure', severity: 'tool-failure', fails: true, message: `${tool.name} timed out after 60 s`, locations: [] }],
  };
}

export const ALL_SAMPLE_FINDINGS: readonly Finding[] = [HTML_VIOLATION, HTML_WARNING, EPUB_VIOLATION, EPUB_IMAGE, PDF_VIOLATION, PDF_HEADING];
