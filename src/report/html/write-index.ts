/**
 * Writes index.html: for a build, from every `STEM.report.json` in the output folder (so a build of
 * one letter still lists the others, and a partial build's kept outputs), plus the letters of this
 * run that wrote nothing; for `check --report DIR`, from the check's report (also written there as
 * report.json). Each file the reports name is looked at again: gone or changed since its report
 * was written, the page says so. The page is written whole (staged, then renamed).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { loadTheme, type Theme } from '../../render/theme.js';
import { hashFile } from '../../util/hash.js';
import { ensureFolder, writeFileWhole } from '../../util/output-files.js';
import { readFileCached } from '../../util/read-cached.js';
import { VERSION } from '../../version.js';
import { parseReport, serialiseReport } from '../report.js';
import type { LetterEntry, OutputEntry, Report } from '../schema.js';
import { renderReportBody, type FileView, type LetterView, type PageData } from './page.js';
import { thumbnailOf } from './thumbnail.js';

export const INDEX_FILE = 'index.html';
export const CHECK_REPORT_FILE = 'report.json';

/** How a described file is now: `dir` is where the report's paths start. */
async function fileView(dir: string, entry: OutputEntry, kept: boolean): Promise<FileView> {
  const path = join(dir, entry.file);
  const now = await hashFile(path).catch(() => undefined);
  const state = now === undefined ? 'missing' : now === entry.sha256 ? 'present' : 'changed';
  const thumbnail = entry.format === 'pdf' && now !== undefined ? await thumbnailOf(path, now) : undefined;
  return { entry, href: entry.file.split('/').map(encodeURIComponent).join('/'), state, kept, ...(thumbnail ? { thumbnail } : {}) };
}

async function letterView(dir: string, entry: LetterEntry): Promise<LetterView> {
  const files = [
    ...await Promise.all(entry.outputs.map((o) => fileView(dir, o, false))),
    ...await Promise.all(entry.kept.map((o) => fileView(dir, o, true))),
  ];
  return { entry, files };
}

/** The theme's colours as custom properties, as the HTML writer sets them (without loading the writer). */
function colorProperties(colors: Record<string, string>): string {
  const safe = Object.entries(colors).filter(([, v]) => /^#[0-9a-f]{3,8}$/iu.test(v));
  return `:root {\n${safe.map(([k, v]) => `  --${k.replace(/[A-Z]/gu, (c) => `-${c.toLowerCase()}`)}: ${v};`).join('\n')}\n}`;
}

function styleOf(theme: Theme): string {
  return `${colorProperties(theme.data.colors)}\n${readFileCached(theme.file('report/report.css')).toString('utf8').trim()}\n`;
}

const frames = new Map<string, Handlebars.TemplateDelegate<Record<string, unknown>>>();

/** The whole page: the house style's frame around the body, its style inline and named by the policy. */
export function renderReportPage(data: PageData, themeName?: string): string {
  const theme = loadTheme(themeName);
  const css = styleOf(theme);
  const hash = createHash('sha256').update(css, 'utf8').digest('base64');
  const path = theme.file('report/page.hbs');
  let frame = frames.get(path);
  if (!frame) {
    frame = Handlebars.create().compile(readFileCached(path).toString('utf8'), { strict: true, preventIndent: true });
    frames.set(path, frame);
  }
  return frame({
    lang: theme.data.lang,
    csp: `default-src 'none'; style-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'`,
    version: data.version,
    title: theme.t('reportTitle'),
    css,
    body: renderReportBody(data, theme.t),
  });
}

/** The page data for an output folder: its reports, and the letters of this run that wrote nothing. */
export async function folderPageData(outDir: string, unpublished: readonly LetterEntry[] = []): Promise<PageData> {
  const names = (await readdir(outDir).catch(() => [] as string[])).filter((n) => n.endsWith('.report.json') && !n.startsWith('.')).sort();
  const byStem = new Map<string, LetterEntry>();
  const unreadable: PageData['unreadable'] = [];
  for (const name of names) {
    const read = parseReport(await readFile(join(outDir, name), 'utf8').catch(() => ''));
    if (!read.ok) { unreadable.push({ file: name, reason: read.reason }); continue; }
    for (const letter of read.report.letters) byStem.set(letter.stem, letter);
  }
  for (const failed of unpublished) {
    const earlier = byStem.get(failed.stem);
    // A letter that failed now but has files from an earlier build: the failure, and what is still there.
    byStem.set(failed.stem, earlier ? { ...earlier, status: failed.status, ...(failed.error ? { error: failed.error } : {}), warnings: failed.warnings } : failed);
  }
  const stems = [...byStem.keys()].sort();
  return {
    command: 'build',
    version: VERSION,
    letters: await Promise.all(stems.map((s) => letterView(outDir, byStem.get(s)!))),
    files: [],
    errors: [],
    unreadable,
  };
}

/** Writes `outDir/index.html` for the folder as it is now. */
export async function writeFolderIndex(outDir: string, options: { unpublished?: readonly LetterEntry[]; theme?: string } = {}): Promise<string> {
  await ensureFolder(outDir);
  const data = await folderPageData(outDir, options.unpublished);
  const path = join(outDir, INDEX_FILE);
  await writeFileWhole(path, renderReportPage(data, options.theme));
  return path;
}

/** `check --report DIR`: DIR/report.json and DIR/index.html, paths in `report` relative to DIR. */
export async function writeCheckReport(dir: string, report: Report, theme?: string): Promise<void> {
  await ensureFolder(dir);
  const data: PageData = {
    command: 'check',
    version: report.generator.version,
    letters: [],
    files: await Promise.all(report.files.map((f) => fileView(dir, f, false))),
    errors: report.errors,
    unreadable: [],
  };
  await writeFileWhole(join(dir, CHECK_REPORT_FILE), serialiseReport(report));
  await writeFileWhole(join(dir, INDEX_FILE), renderReportPage(data, theme));
}
