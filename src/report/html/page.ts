/**
 * index.html, the publication report: one self-contained page (inline style, data: pictures, no
 * script) that lists every letter with its files, every check with its tool and version, and every
 * finding grouped by rule with where it is and what to do. Built as a tree (hastscript) and
 * serialised once, like the publications; words come from the house style's strings (Dutch), the
 * tools' own messages are marked as English. Same data, same bytes: nothing here reads a clock.
 */
import type { Element } from 'hast';
import { h } from 'hastscript';
import type { Finding, FindingLocation, Impact, OutputFormat } from '../../check/types.js';
import type { Diagnostic } from '../../readers/shared/diagnostics.js';
import type { Theme } from '../../render/theme.js';
import { serialize } from '../../render/web/serialize.js';
import type { LetterEntry, LetterStatus, OutputEntry, ReportFinding, ReportToolRun } from '../schema.js';
import type { Thumbnail } from './thumbnail.js';

/** What index.html knows of an output file besides its entry. */
export interface FileView {
  entry: OutputEntry;
  /** Link from the page to the file (relative). */
  href: string;
  /** The file as the report describes it, gone, or changed since. */
  state: 'present' | 'missing' | 'changed';
  /** From an earlier (full) build, kept by a partial one. */
  kept: boolean;
  thumbnail?: Thumbnail;
}

export interface LetterView {
  entry: LetterEntry;
  files: FileView[];
}

export interface PageData {
  command: 'build' | 'check';
  version: string;
  letters: LetterView[];
  /** `check`: the files checked. */
  files: FileView[];
  /** `check`: files that could not be checked. */
  errors: Diagnostic[];
  /** Reports in the folder that could not be used (older version, unreadable), with why. */
  unreadable: Array<{ file: string; reason: string }>;
}

type T = Theme['t'];

/** What the page's elements hold: text and elements, never nested lists. */
type Content = string | Element;

const STATUS_KEYS: Record<LetterStatus, string> = {
  published: 'reportStatusPublished',
  violations: 'reportStatusViolations',
  'not-checked': 'reportStatusNotChecked',
  'input-error': 'reportStatusInputError',
  'output-error': 'reportStatusOutputError',
  'internal-error': 'reportStatusInternalError',
};

const KIND_KEYS: Record<OutputFormat, string> = { html: 'reportKindHtml', pdf: 'reportKindPdf', epub: 'reportKindEpub' };

const IMPACT_KEYS: Record<Impact, string> = {
  minor: 'reportImpactMinor', moderate: 'reportImpactModerate', serious: 'reportImpactSerious', critical: 'reportImpactCritical',
};
const IMPACT_ORDER: Record<string, number> = { critical: 0, serious: 1, moderate: 2, minor: 3 };
const SEVERITY_ORDER: Record<Finding['severity'], number> = { 'tool-failure': 0, violation: 1, warning: 2 };

/** Texts written by the tools (and by our rules) are English: marked so a screen reader speaks them right. */
const en = (text: string): Element => h('span', { lang: 'en' }, text);

/** An id for anything named by a file stem: letters, digits, `-` and `_`. */
function idPart(text: string): string {
  return text.replace(/[^\w-]+/gu, '-');
}

function formatBytes(bytes: number): string {
  const kb = bytes / 1024;
  return bytes < 1024 ? `${bytes} B` : kb < 1024 ? `${kb.toFixed(1).replace('.', ',')} kB` : `${(kb / 1024).toFixed(1).replace('.', ',')} MB`;
}

function severityClass(f: Finding): string {
  return f.severity === 'warning' ? 'warning' : 'failure';
}

/** A WCAG success criterion as a link to its Understanding page is more than we know; the number is the name. */
function wcagList(wcag: readonly string[]): string {
  return wcag.join(', ');
}

function locationItems(l: FindingLocation, t: T): Content[] {
  const parts: Content[][] = [];
  if (l.page !== undefined) parts.push([t('reportLocationPage', { page: l.page })]);
  if (l.object) parts.push([t('reportLocationObject'), ' ', h('code', l.object)]);
  if (l.file) {
    const file: Content[] = [t('reportLocationFile'), ' ', h('code', l.file)];
    if (l.line !== undefined) file.push(', ', t('reportLocationLine', { line: l.line }));
    if (l.column !== undefined) file.push(', ', t('reportLocationColumn', { column: l.column }));
    parts.push(file);
  }
  if (l.selector) parts.push([t('reportLocationSelector'), ' ', h('code', l.selector)]);
  const out: Content[] = [];
  parts.forEach((p, i) => out.push(...(i ? ['; '] : []), ...p));
  if (l.snippet) out.push(h('br'), t('reportLocationSnippet'), ' ', h('code', { className: ['snippet'] }, l.snippet));
  return out;
}

function findingItem(f: ReportFinding, t: T): Element {
  const body: Content[] = [h('p', { className: ['message'] }, en(f.message))];
  const facts: Content[] = [];
  if (f.count !== undefined && f.count > 1) facts.push(t('reportOccurrences', { count: f.count }));
  if (f.passes?.length) facts.push(t('reportPasses', { passes: f.passes.join(', ') }));
  if (facts.length) body.push(h('p', { className: ['facts'] }, facts.flatMap((x, i) => (i ? ['; ', x] : [x]))));
  const where = f.locations.map((l) => h('li', locationItems(l, t))).filter((li) => li.children.length > 0);
  if (f.input) where.push(h('li', t('reportLocationInput', { file: f.input.file, line: f.input.line })));
  if (where.length) body.push(h('ul', { className: ['locations'], ariaLabel: t('reportWhere') }, where));
  return h('li', { className: ['finding', severityClass(f)] }, body);
}

/** Findings of one output (or the document rules), grouped by tool and rule, worst first. */
function findingGroups(findings: readonly ReportFinding[], t: T, level: number, idPrefix: string): Content[] {
  const groups = new Map<string, ReportFinding[]>();
  for (const f of findings) {
    const key = `${f.tool.name}\u0000${f.rule}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const worst = (list: ReportFinding[]): [number, number] => [
    Math.min(...list.map((f) => SEVERITY_ORDER[f.severity])),
    Math.min(...list.map((f) => IMPACT_ORDER[f.impact ?? ''] ?? 4)),
  ];
  const sorted = [...groups.entries()].sort(([ka, a], [kb, b]) => {
    const [sa, ia] = worst(a);
    const [sb, ib] = worst(b);
    return sa - sb || ia - ib || (ka < kb ? -1 : ka > kb ? 1 : 0);
  });
  return sorted.map(([, list], i) => {
    const first = list[0]!;
    const id = `${idPrefix}-regel-${i + 1}`;
    const severity = first.severity === 'violation' ? 'reportSeverityViolation' : first.severity === 'warning' ? 'reportSeverityWarning' : 'reportSeverityToolFailure';
    const facts: Array<[string, Content[]]> = [
      [t('reportRule'), [h('code', first.rule), ` (${first.tool.name}${first.tool.version ? ` ${first.tool.version}` : ''})`]],
      [t('reportSeverity'), [t(severity)]],
    ];
    const impacts = [...new Set(list.flatMap((f) => (f.impact ? [f.impact] : [])))];
    if (impacts.length) facts.push([t('reportImpact'), [impacts.map((x) => t(IMPACT_KEYS[x])).join(', ')]]);
    const wcag = [...new Set(list.flatMap((f) => f.wcag ?? []))];
    if (wcag.length) facts.push([t('reportWcag'), [wcagList(wcag)]]);
    if (first.profile) facts.push([t('reportProfile'), [h('code', first.profile)]]);
    const refs = [...new Set(list.flatMap((f) => f.references ?? []))];
    if (refs.length) facts.push([t('reportReferences'), [refs.join(', ')]]);
    const help = first.help ?? list.find((f) => f.help)?.help;
    if (help) facts.push([t('reportWhatToDo'), [en(help)]]);
    const helpUrl = first.helpUrl ?? list.find((f) => f.helpUrl)?.helpUrl;
    return h('section', { className: ['rule', severityClass(first)], ariaLabelledBy: id }, [
      h(`h${level}`, { id }, [h('code', first.rule), ' ', h('span', { className: ['rule-count'] }, `(${t('reportFindingCount', { count: list.length })})`)]),
      h('dl', { className: ['facts'] }, facts.flatMap(([term, value]) => [h('dt', term), h('dd', value)])),
      ...(helpUrl ? [h('p', { className: ['help-link'] }, h('a', { href: helpUrl, hrefLang: 'en' }, t('reportHelpLink', { rule: first.rule })))] : []),
      h('ol', { className: ['findings'] }, list.map((f) => findingItem(f, t))),
    ]);
  });
}

function toolState(run: ReportToolRun, t: T): Content[] {
  if (run.ran) return [t('reportToolRan'), ...(run.checked !== undefined ? [`, ${t('reportChecked', { count: run.checked })}`] : [])];
  if (run.optional) return [t('reportToolOptional')];
  return [t('reportToolFailed'), ...(run.error ? [': ', en(run.error)] : [])];
}

function outputStatus(file: FileView, t: T, letterInput?: string): Content[] {
  const e = file.entry;
  const findings = e.check?.findings.filter((f) => f.fails).length ?? 0;
  const parts: Content[] = [
    e.status === 'passed' ? t('reportOutputPassed') : e.status === 'failed' ? `${t('reportOutputFailed')} (${findings})` : t('reportOutputNotChecked'),
  ];
  if (file.kept) parts.push(`; ${t('reportOutputKept')}`);
  if (file.kept && letterInput !== undefined && e.inputSha256 !== undefined && e.inputSha256 !== letterInput) parts.push(`; ${t('reportOutputStale')}`);
  if (file.state === 'missing') parts.push(`; ${t('reportOutputMissing')}`);
  if (file.state === 'changed') parts.push(`; ${t('reportOutputChanged')}`);
  return [h('span', { className: ['status', `status-${e.status}`] }, parts)];
}

function fileName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/** A table in a scroll region of its own, so a narrow screen never scrolls the whole page sideways. */
function scrollTable(id: string, caption: string, head: string[], rows: Array<Array<Content | Content[]>>): Element {
  const captionId = `${id}-bijschrift`;
  return h('div', { className: ['scroll'], role: 'region', tabIndex: 0, ariaLabelledBy: captionId }, [
    h('table', [
      h('caption', { id: captionId }, caption),
      h('thead', [h('tr', head.map((x) => h('th', { scope: 'col' }, x)))]),
      h('tbody', rows.map((cells) => h('tr', cells.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', c)))))),
    ]),
  ]);
}

function filesTable(id: string, caption: string, files: readonly FileView[], t: T, letterInput?: string): Element {
  return scrollTable(id, caption, [t('reportColFile'), t('reportColKind'), t('reportColSize'), t('reportColPages'), t('reportColCheck')], files.map((f) => [
    f.state === 'missing' ? h('code', fileName(f.entry.file)) : h('a', { href: f.href, type: f.entry.mediaType }, fileName(f.entry.file)),
    t(KIND_KEYS[f.entry.format]),
    formatBytes(f.entry.bytes),
    f.entry.pages !== undefined ? String(f.entry.pages) : '–',
    outputStatus(f, t, letterInput),
  ]));
}

function checksList(files: readonly FileView[], t: T): Element {
  return h('ul', { className: ['checks'] }, files.filter((f) => f.entry.check).map((f) => h('li', [
    h('code', fileName(f.entry.file)), ': ',
    ...f.entry.check!.tools.flatMap((run, i): Content[] => [
      ...(i ? ['; '] : []),
      h('span', { className: ['tool'] }, `${run.tool.name}${run.tool.version ? ` ${run.tool.version}` : ''}`), ' ', '(', ...toolState(run, t), ')',
    ]),
  ])));
}

function thumbnailFigure(f: FileView, title: string, t: T): Element | undefined {
  if (!f.thumbnail) return undefined;
  const src = `data:image/png;base64,${f.thumbnail.png.toString('base64')}`;
  return h('figure', { className: ['thumbnail'] }, [
    h('img', { src, alt: t('reportThumbnailAlt', { title }), width: f.thumbnail.width, height: f.thumbnail.height }),
    h('figcaption', t('reportThumbnailCaption', { file: fileName(f.entry.file) })),
  ]);
}

function findingsOfFiles(files: readonly FileView[], t: T, level: number, idPrefix: string): Content[] {
  return files.filter((f) => f.entry.check && f.entry.check.findings.length > 0).flatMap((f, i) => {
    const id = `${idPrefix}-bevindingen-${i + 1}`;
    return [h('section', { ariaLabelledBy: id }, [
      h(`h${level}`, { id }, t('reportFindingsIn', { file: fileName(f.entry.file) })),
      ...findingGroups(f.entry.check!.findings, t, level + 1, `${idPrefix}-${i + 1}`),
    ])];
  });
}

function letterSection(view: LetterView, t: T): Element {
  const { entry } = view;
  const id = `brief-${idPart(entry.stem)}`;
  const title = entry.title ?? entry.input;
  const content: Content[] = [
    h('h2', { id: `${id}-kop` }, title),
    h('dl', { className: ['facts'] }, [
      h('dt', t('reportStatusLabel')), h('dd', h('span', { className: ['status', `status-${entry.status}`] }, t(STATUS_KEYS[entry.status]))),
      h('dt', t('reportInput')), h('dd', h('code', entry.input)),
      ...(entry.error ? [h('dt', t('reportError')), h('dd', [h('code', `${entry.error.file}${entry.error.line !== undefined ? `:${entry.error.line}` : ''}`), ': ', en(entry.error.message)])] : []),
    ]),
  ];
  const pdf = view.files.find((f) => f.entry.format === 'pdf' && f.thumbnail && f.state === 'present');
  const figure = pdf ? thumbnailFigure(pdf, title, t) : undefined;
  if (figure) content.push(figure);
  if (view.files.length) {
    content.push(h('h3', { id: `${id}-bestanden` }, t('reportOutputs')));
    content.push(filesTable(`${id}-tabel`, t('reportOutputsCaption', { title }), view.files, t, entry.inputSha256));
    if (view.files.some((f) => f.entry.check)) {
      content.push(h('h3', { id: `${id}-controles` }, t('reportChecks')), checksList(view.files, t));
    }
  }
  if (entry.warnings.length) {
    content.push(h('h3', { id: `${id}-waarschuwingen` }, t('reportInputWarnings')), h('ul', { className: ['diagnostics'] }, entry.warnings.map((w) => h('li', [
      h('code', `${w.file}:${w.line}`), ': ', en(w.message), ' ', h('code', { className: ['code'] }, `[${w.code}]`),
    ]))));
  }
  if (entry.document.length) {
    content.push(h('section', { ariaLabelledBy: `${id}-document` }, [
      h('h3', { id: `${id}-document` }, t('reportDocumentRules')),
      ...findingGroups(entry.document, t, 4, `${id}-document`),
    ]));
  }
  content.push(...findingsOfFiles(view.files, t, 3, id));
  return h('section', { className: ['letter', `letter-${entry.status}`], id, ariaLabelledBy: `${id}-kop` }, content);
}

function fileSection(f: FileView, index: number, t: T): Element {
  const id = `bestand-${index + 1}`;
  const name = fileName(f.entry.file);
  const figure = f.entry.format === 'pdf' ? thumbnailFigure(f, name, t) : undefined;
  return h('section', { className: ['letter', `letter-${f.entry.status}`], id, ariaLabelledBy: `${id}-kop` }, [
    h('h2', { id: `${id}-kop` }, h('code', f.entry.file)),
    ...(figure ? [figure] : []),
    filesTable(`${id}-tabel`, name, [f], t),
    ...(f.entry.check ? [h('h3', { id: `${id}-controles` }, t('reportChecks')), checksList([f], t)] : []),
    ...findingsOfFiles([f], t, 3, id),
  ]);
}

/** Every tool that ran, once, with its version and what it checked. */
function toolsTable(views: readonly FileView[], t: T): Element | undefined {
  const tools = new Map<string, { name: string; version?: string; formats: Set<string> }>();
  for (const f of views) {
    for (const run of f.entry.check?.tools ?? []) {
      const key = `${run.tool.name}\u0000${run.tool.version ?? ''}`;
      const known = tools.get(key) ?? { name: run.tool.name, ...(run.tool.version ? { version: run.tool.version } : {}), formats: new Set<string>() };
      known.formats.add(f.entry.format.toUpperCase());
      tools.set(key, known);
    }
  }
  if (tools.size === 0) return undefined;
  const rows = [...tools.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((x): Array<Content | Content[]> => [x.name, x.version ?? t('reportUnknownVersion'), [...x.formats].join(', ')]);
  return scrollTable('programmas', t('reportToolsCaption'), [t('reportTool'), t('reportToolVersion'), t('reportUsedFor')], rows);
}

function summaryList(data: PageData, t: T): Element {
  const files = [...data.letters.flatMap((l) => l.files), ...data.files];
  const count = (status: OutputEntry['status']): number => files.filter((f) => f.entry.status === status).length;
  const items: Array<[string, number]> = data.command === 'build'
    ? [
      [t('reportLetters'), data.letters.length],
      [t('reportFiles'), files.length],
      [t('reportPassed'), count('passed')],
      [t('reportFailed'), count('failed') + data.letters.filter((l) => l.entry.document.some((f) => f.fails)).length],
      [t('reportNotChecked'), count('not-checked')],
      [t('reportNotPublished'), data.letters.filter((l) => l.entry.error).length],
      [t('reportInputWarningsCount'), data.letters.reduce((n, l) => n + l.entry.warnings.length, 0)],
    ]
    : [
      [t('reportCheckedFiles'), files.length],
      [t('reportPassed'), count('passed')],
      [t('reportFailed'), count('failed')],
      [t('reportNotCheckable'), data.errors.length],
    ];
  return h('dl', { className: ['summary'] }, items.flatMap(([term, n]) => [h('dt', term), h('dd', String(n))]));
}

function contents(data: PageData, t: T): Element | undefined {
  const entries = data.command === 'build'
    ? data.letters.map((l) => ({ href: `#brief-${idPart(l.entry.stem)}`, text: l.entry.title ?? l.entry.input, status: t(STATUS_KEYS[l.entry.status]) }))
    : data.files.map((f, i) => ({ href: `#bestand-${i + 1}`, text: f.entry.file, status: outputStatusText(f, t) }));
  if (entries.length === 0) return undefined;
  return h('nav', { ariaLabelledBy: 'inhoud-kop' }, [
    h('h2', { id: 'inhoud-kop' }, data.command === 'build' ? t('reportLetters') : t('reportCheckedFiles')),
    h('ol', entries.map((e) => h('li', [h('a', { href: e.href }, e.text), ` — ${e.status}`]))),
  ]);
}

function outputStatusText(f: FileView, t: T): string {
  return f.entry.status === 'passed' ? t('reportOutputPassed') : f.entry.status === 'failed' ? t('reportOutputFailed') : t('reportOutputNotChecked');
}

/** The page's body content (everything inside `<body>`), serialised. */
export function renderReportBody(data: PageData, t: T): string {
  const allFiles = [...data.letters.flatMap((l) => l.files), ...data.files];
  const tools = toolsTable(allFiles, t);
  const summary: Content[] = [h('h2', { id: 'samenvatting' }, t('reportSummary')), summaryList(data, t)];
  if (tools) summary.push(h('h3', { id: 'programmas-kop' }, t('reportTools')), tools);
  if (data.unreadable.length) {
    summary.push(h('p', t('reportOlderReports')), h('ul', data.unreadable.map((u) => h('li', [h('code', u.file), ': ', en(u.reason)]))));
  }
  if (data.errors.length) {
    summary.push(h('h3', { id: 'fouten' }, t('reportErrors')), h('ul', { className: ['diagnostics'] }, data.errors.map((e) => h('li', [h('code', `${e.file}:${e.line}`), ': ', en(e.message)]))));
  }
  const nav = contents(data, t);
  const main = h('main', { id: 'inhoud' }, [
    h('h1', t('reportTitle')),
    h('p', { className: ['intro'] }, data.command === 'build' ? t('reportIntro') : t('reportCheckIntro')),
    h('p', { className: ['generator'] }, t('reportGenerator', { version: data.version })),
    h('section', { ariaLabelledBy: 'samenvatting' }, summary),
    ...(nav ? [nav] : []),
    ...data.letters.map((l) => letterSection(l, t)),
    ...data.files.map((f, i) => fileSection(f, i, t)),
  ]);
  return [serialize(h('a', { className: ['skip-link'], href: '#inhoud' }, t('skipLink')), false), serialize(main, false)].join('\n');
}
