/**
 * What axe and pa11y do not look at, gathered in Chromium from the page as a reader gets it (its
 * Content-Security-Policy enforced, loaded at 320 CSS px): requests that leave the file, what the
 * policy blocked, fonts that failed, elements sticking out sideways. `page-rules.ts` judges them.
 */
import type { HTTPRequest, Page } from 'puppeteer-core';

export const REFLOW_WIDTH = 320;
export const REFLOW_HEIGHT = 640;

export interface CspViolation { directive: string; blocked: string; sample: string }
export interface WideElement { selector: string; html: string; right: number }
export interface Reflow { scrollWidth: number; clientWidth: number; wide: WideElement[] }

export interface PageFacts {
  /** The checked file as reports name it. */
  file: string;
  /** URLs the page requested besides itself and `data:` URIs. */
  requests: string[];
  csp: CspViolation[];
  /** `family weight style` of every font face that failed to load. */
  fontErrors: string[];
  reflow: Reflow;
}

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

function isOwnRequest(request: HTTPRequest, url: string): boolean {
  const u = request.url();
  return u === url || u.startsWith('data:');
}

/**
 * Loads `url` into `page` at 320 CSS px, recording requests and CSP violations from the first
 * byte on. Returns a reader for the facts, to call once the page has loaded.
 */
export async function loadWatched(page: Page, url: string, file: string): Promise<() => Promise<PageFacts>> {
  const requests: string[] = [];
  const onRequest = (r: HTTPRequest): void => {
    if (!isOwnRequest(r, url)) requests.push(r.url());
  };
  // The page is kept for other jobs (see `withPage`): what is added here is taken off again.
  page.on('request', onRequest);
  try {
    const collector = await page.evaluateOnNewDocument(COLLECT_CSP);
    try {
      await page.setViewport({ width: REFLOW_WIDTH, height: REFLOW_HEIGHT });
      // No timeout of its own: the page job's time limit (scaled with the file) covers the load.
      await page.goto(url, { waitUntil: 'load', timeout: 0 });
    } finally {
      // (A page that cannot take this is gone: the load's own error is the one to report.)
      await page.removeScriptToEvaluateOnNewDocument(collector.identifier).catch(() => undefined);
    }
  } catch (error) {
    page.off('request', onRequest);
    throw error;
  }
  return async () => {
    page.off('request', onRequest);
    const fontErrors = (await page.evaluate(FONT_ERRORS)) as string[];
    const csp = (await page.evaluate(READ_CSP)) as CspViolation[];
    const reflow = (await page.evaluate(WIDE_ELEMENTS)) as Reflow;
    return { file, requests: [...new Set(requests)], csp, fontErrors, reflow };
  };
}
