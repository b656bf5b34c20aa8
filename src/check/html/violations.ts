/** Turning tool findings into `Violation`s: locations a human can find, merged across passes. */
import type { Browser, Page } from 'puppeteer-core';
import type { ToolRun, Violation } from '../types.js';

/**
 * Runs one tool on a fresh page of the shared browser. Whatever happens, the page is closed and
 * the run says how long it took; a tool that throws has not run (`ran: false` with the reason),
 * which fails the check rather than passing it.
 */
export async function onFreshPage(browser: Browser, run: ToolRun, body: (page: Page) => Promise<void>): Promise<ToolRun> {
  const started = performance.now();
  let page: Page | undefined;
  try {
    page = await browser.newPage();
    await body(page);
    run.ran = true;
  } catch (error) {
    run.error = error instanceof Error ? error.message : String(error);
  } finally {
    await page?.close().catch(() => undefined);
    run.durationMs = Math.round(performance.now() - started);
  }
  return run;
}

/** Collapses whitespace and cuts long HTML so a report line stays readable. */
export function snippet(html: string, max = 160): string {
  const flat = html.replace(/\s+/gu, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function location(selector: string, html: string | undefined): string {
  return html ? `${selector} ${snippet(html)}` : selector;
}

/**
 * The same finding from several passes (light, dark, 320 px) is one violation that names every
 * pass it showed up in, so a report counts problems, not passes.
 */
export class ViolationSet {
  private readonly byKey = new Map<string, { violation: Violation; passes: string[] }>();

  add(violation: Violation, pass: string, key = `${violation.tool}\u0000${violation.rule}\u0000${violation.location ?? ''}`): void {
    const seen = this.byKey.get(key);
    if (seen) {
      if (!seen.passes.includes(pass)) seen.passes.push(pass);
      return;
    }
    this.byKey.set(key, { violation, passes: [pass] });
  }

  list(): Violation[] {
    return [...this.byKey.values()].map(({ violation, passes }) => ({
      ...violation,
      message: passes.length > 0 && passes[0] !== '' ? `${violation.message} [${passes.join(', ')}]` : violation.message,
    }));
  }
}
