/**
 * What axe and pa11y do not look at, checked in Chromium on the page as a reader gets it (its
 * Content-Security-Policy enforced): no request leaves the file, the policy blocks nothing the
 * page needs, every font loads, and at 320 CSS px nothing scrolls sideways (WCAG 1.4.10).
 */
import type { Browser, HTTPRequest } from 'puppeteer-core';
import type { ToolRun } from '../types.js';
import { location, onFreshPage, type ViolationSet } from './violations.js';

const REFLOW_WIDTH = 320;

/** Runs in the page before its own content: collects CSP violations the browser reports. */
const COLLECT_CSP = `window.__rijkspersCsp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__rijkspersCsp.push({ directive: e.effectiveDirective || e.violatedDirective, blocked: String(e.blockedURI || ''), sample: String(e.sample || '') });
});`;

const READ_CSP = 'window.__rijkspersCsp || []';

const FONT_ERRORS = `(async () => {
  await document.fonts.ready;
  return [...document.fonts].filter((f) => f.status === 'error').map((f) => f.family + ' ' + f.weight + ' ' + f.style);
})()`;

/** Elements sticking out past the viewport's right edge, outermost first, with a CSS path. */
const WIDE_ELEMENTS = `(() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const path = (el) => {
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && e !== root; e = e.parentElement) {
      let part = e.localName;
      if (e.id) { parts.unshift(part + '#' + e.id); break; }
      if (e.classList.length) part += '.' + [...e.classList].join('.');
      parts.unshift(part);
    }
    return parts.join(' > ');
  };
  const wide = [];
  if (root.scrollWidth > width) {
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 1 && !wide.some((w) => w.el.contains(el))) wide.push({ el, right: Math.round(r.right) });
    }
  }
  return { scrollWidth: root.scrollWidth, clientWidth: width, wide: wide.slice(0, 5).map((w) => ({ selector: path(w.el), html: w.el.outerHTML.slice(0, 300), right: w.right })) };
})()`;

interface CspViolation { directive: string; blocked: string; sample: string }
interface Reflow { scrollWidth: number; clientWidth: number; wide: { selector: string; html: string; right: number }[] }

function isOwnRequest(request: HTTPRequest, url: string): boolean {
  const u = request.url();
  return u === url || u.startsWith('data:');
}

export async function runPageChecks(browser: Browser, version: string, url: string, found: ViolationSet): Promise<ToolRun> {
  const run: ToolRun = { tool: 'chromium', version: version.replace(/^[^/]*\//u, ''), ran: false, durationMs: 0, checked: 4 };
  return onFreshPage(browser, run, async (page) => {
    const requests: string[] = [];
    page.on('request', (r) => {
      if (!isOwnRequest(r, url)) requests.push(r.url());
    });
    await page.evaluateOnNewDocument(COLLECT_CSP);
    await page.setViewport({ width: REFLOW_WIDTH, height: 640 });
    await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    const fontErrors = (await page.evaluate(FONT_ERRORS)) as string[];
    const csp = (await page.evaluate(READ_CSP)) as CspViolation[];
    const reflow = (await page.evaluate(WIDE_ELEMENTS)) as Reflow;

    for (const r of [...new Set(requests)]) {
      found.add({
        tool: 'chromium', rule: 'external-request', severity: 'error',
        message: `The page requests ${r.length > 120 ? `${r.slice(0, 119)}…` : r}: a publication must be one self-contained file`,
        location: r.slice(0, 200),
        help: 'Inline the resource as a data: URI or remove it.',
      }, '');
    }
    for (const v of csp) {
      found.add({
        tool: 'chromium', rule: 'csp-violation', severity: 'error',
        message: `The Content-Security-Policy (${v.directive}) blocks ${v.blocked || 'inline content'}${v.sample ? `: ${v.sample}` : ''}`,
        location: v.blocked || v.directive,
        help: 'The inline style must match the hash in the policy; fonts and images must be data: URIs.',
      }, '');
    }
    for (const f of fontErrors) {
      found.add({
        tool: 'chromium', rule: 'font-load', severity: 'error',
        message: `The font ${f} failed to load`, location: f,
        help: 'Check the @font-face data: URI and the font-src of the policy.',
      }, '');
    }
    if (reflow.scrollWidth > reflow.clientWidth) {
      const culprits = reflow.wide.length > 0 ? reflow.wide : [{ selector: 'html', html: '', right: reflow.scrollWidth }];
      for (const w of culprits) {
        found.add({
          tool: 'chromium', rule: 'reflow-320', severity: 'error',
          message: `At ${REFLOW_WIDTH} CSS px the page scrolls sideways (${reflow.scrollWidth} px wide); this element ends at ${w.right} px`,
          location: location(w.selector, w.html),
          help: 'WCAG 1.4.10 Reflow: content must fit 320 CSS px without horizontal scrolling.',
          helpUrl: 'https://www.w3.org/WAI/WCAG22/Understanding/reflow.html',
        }, '');
      }
    }
  });
}
