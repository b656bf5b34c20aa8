/**
 * Our own HTML page rules, one object each, in one list: reports, `--help` texts and the
 * documentation read `PAGE_RULES`; the checker runs every rule on the facts of each page.
 */
import type { Rule, RuleHit } from '../rule.js';
import type { Finding, ToolId } from '../types.js';
import { pageLocation } from './findings.js';
import { REFLOW_WIDTH, type PageFacts } from './page-facts.js';

const short = (url: string, max: number): string => (url.length > max ? `${url.slice(0, max - 1)}…` : url);

export const externalRequest: Rule<PageFacts> = {
  id: 'external-request',
  summary: 'The page loads nothing from outside its own file.',
  help: 'Inline the resource as a data: URI or remove it: a publication must be one self-contained file.',
  severity: 'violation',
  check: (facts) => facts.requests.map((r) => ({
    message: `The page requests ${short(r, 120)}`,
    locations: [{ file: facts.file, object: short(r, 200) }],
  })),
};

export const cspViolation: Rule<PageFacts> = {
  id: 'csp-violation',
  summary: "The page's Content-Security-Policy blocks nothing the page itself contains.",
  help: 'The inline style must match the hash in the policy; fonts and images must be data: URIs.',
  severity: 'violation',
  check: (facts) => facts.csp.map((v) => ({
    message: `The Content-Security-Policy (${v.directive}) blocks ${v.blocked || 'inline content'}${v.sample ? `: ${v.sample}` : ''}`,
    locations: [{ file: facts.file, object: v.blocked || v.directive }],
  })),
};

export const fontLoad: Rule<PageFacts> = {
  id: 'font-load',
  summary: 'Every font face the page declares loads.',
  help: 'Check the @font-face data: URI and the font-src of the policy.',
  severity: 'violation',
  check: (facts) => facts.fontErrors.map((f) => ({
    message: `The font ${f} failed to load`,
    locations: [{ file: facts.file, object: f }],
  })),
};

export const reflow320: Rule<PageFacts> = {
  id: 'reflow-320',
  summary: `At ${REFLOW_WIDTH} CSS px wide the page does not scroll sideways.`,
  help: `WCAG 1.4.10 Reflow: content must fit ${REFLOW_WIDTH} CSS px without horizontal scrolling.`,
  severity: 'violation',
  impact: 'serious',
  wcag: ['1.4.10'],
  helpUrl: 'https://www.w3.org/WAI/WCAG22/Understanding/reflow.html',
  check: ({ file, reflow }) => {
    if (reflow.scrollWidth <= reflow.clientWidth) return [];
    const culprits = reflow.wide.length > 0 ? reflow.wide : [{ selector: 'html', html: '', right: reflow.scrollWidth }];
    return culprits.map((w): RuleHit => ({
      message: `At ${REFLOW_WIDTH} CSS px the page scrolls sideways (${reflow.scrollWidth} px wide); this element ends at ${w.right} px`,
      locations: [pageLocation(file, w.selector, w.html)],
    }));
  },
};

/** Every page rule, in the order reports list them. */
export const PAGE_RULES: readonly Rule<PageFacts>[] = [externalRequest, cspViolation, fontLoad, reflow320];

/** Runs `rules` on `facts`; each hit becomes a finding of `tool`. */
export function applyRules<C>(rules: readonly Rule<C>[], context: C, tool: ToolId): Finding[] {
  return rules.flatMap((rule) => rule.check(context).map((hit): Finding => ({
    tool,
    rule: rule.id,
    severity: rule.severity,
    fails: rule.severity === 'violation',
    ...(rule.impact ? { impact: rule.impact } : {}),
    ...(rule.wcag ? { wcag: rule.wcag } : {}),
    ...(rule.references ? { references: rule.references } : {}),
    message: hit.message,
    ...(hit.count !== undefined && hit.count !== 1 ? { count: hit.count } : {}),
    locations: hit.locations ?? [],
    help: rule.help,
    ...(rule.helpUrl ? { helpUrl: rule.helpUrl } : {}),
  })));
}
