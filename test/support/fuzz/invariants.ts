/**
 * What must hold for any input file, however broken.
 *
 * Parser: it returns a letter or throws an `InputError` whose diagnostic points at a line of the
 * file and says what is wrong in one line; nothing else. A letter it returns satisfies what every
 * writer relies on: note calls resolve, ids are unique, heading levels go down one at a time
 * (the document rules find no violation), source lines are lines of the file, and no text holds a
 * character no publication may hold.
 *
 * Rendering without checks: an `InputError` (a character no font has) or three well-formed files:
 * HTML that an HTML parser reads without a parse error, an EPUB whose every entry unzips and whose
 * XML entries are well-formed, a PDF that pdf-lib opens with well-formed XMP metadata (and that
 * `qpdf --check` passes, when asked and qpdf is installed).
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, writeFileSync } from 'node:fs';
import { delimiter, join, posix } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { parse as parseHtml, type DefaultTreeAdapterMap, type ParserError } from 'parse5';
import { decodePDFRawStream, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { SaxesParser } from 'saxes';
import { checkDocument } from '../../../src/check/document/index.js';
import type { Finding } from '../../../src/check/types.js';
import type { Letter } from '../../../src/model/ast.js';
import { walkLetter } from '../../../src/model/visit.js';
import { renderLetter } from '../../../src/pipeline/render-letter.js';
import { InputError, type Diagnostic } from '../../../src/readers/shared/diagnostics.js';
import { parseLetterText } from '../../../src/readers/word-text/parse-letter.js';

/** An invariant that does not hold; `invariant` names it (`parse/unexpected-exception`, `epub/xml` …). */
export class FuzzViolation extends Error {
  constructor(readonly invariant: string, message: string, options?: { cause?: unknown }) {
    super(`[${invariant}] ${message}`, options);
    this.name = 'FuzzViolation';
  }
}

function fail(invariant: string, message: string, cause?: unknown): never {
  throw new FuzzViolation(invariant, message, cause === undefined ? undefined : { cause });
}

function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message.slice(0, 500)}\n${(err.stack ?? '').split('\n').slice(1, 8).join('\n')}`;
  return String(err);
}

/**
 * Code points no publication may hold: C0 controls but TAB/LF/CR, DEL and C1 controls, the
 * noncharacters (U+FDD0–U+FDEF and the last two of every plane) and lone surrogates.
 */
const PLANE_ENDS = Array.from({ length: 17 }, (_, plane) => `\\u{${(plane * 0x10000 + 0xfffe).toString(16)}}\\u{${(plane * 0x10000 + 0xffff).toString(16)}}`).join('');
const FORBIDDEN = new RegExp(`[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufdd0-\\ufdef${PLANE_ENDS}]|\\p{Cs}`, 'u');

export function forbiddenIn(text: string): string | undefined {
  const m = FORBIDDEN.exec(text);
  if (!m) return undefined;
  const cps = [...m[0]].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
  return `${cps} at offset ${m.index}`;
}

/** Lines of the file as the reader counts them (CR, LF and CRLF end a line; bytes, so any encoding). */
export function lineCount(bytes: Uint8Array): number {
  return Buffer.from(bytes).toString('latin1').split(/\r\n|\r|\n/u).length;
}

function checkDiagnostic(d: Diagnostic, kind: string, file: string, lines: number, severity: Diagnostic['severity']): void {
  const where = `${kind} ${JSON.stringify(d).slice(0, 300)}`;
  if (d.severity !== severity) fail(`${kind}/severity`, `${where}: severity is not "${severity}"`);
  if (d.file !== file) fail(`${kind}/file`, `${where}: names file ${JSON.stringify(d.file)}, not ${JSON.stringify(file)}`);
  if (!Number.isInteger(d.line) || d.line < 1 || d.line > lines) fail(`${kind}/line`, `${where}: line ${d.line} is not a line of the ${lines}-line file`);
  if (!/^[a-z][a-z0-9-]*$/u.test(d.code)) fail(`${kind}/code`, `${where}: code is not a kebab-case identifier`);
  if (d.message.trim() === '') fail(`${kind}/message`, `${where}: empty message`);
  if (/[\r\n]/u.test(d.message)) fail(`${kind}/message`, `${where}: the message is more than one line`);
}

// ---------------------------------------------------------------- the model

/** Every string and every `line` in the model, with its path (the source path excluded). */
function* leaves(node: unknown, path: string): Generator<[string, string | number]> {
  if (typeof node === 'string' || typeof node === 'number') yield [path, node];
  else if (Array.isArray(node)) for (const [i, v] of node.entries()) yield* leaves(v, `${path}[${i}]`);
  else if (node && typeof node === 'object' && !ArrayBuffer.isView(node)) {
    for (const [k, v] of Object.entries(node)) if (k !== 'source') yield* leaves(v, `${path}.${k}`);
  }
}

/**
 * A document-rule violation the reader told the author about: a note nobody calls (the reader warns
 * `unreferenced-note` at the note and publishes it without a call; the rule then fails a checked
 * build, asking the author for the call). That is the input's fault, reported twice, not a fault
 * of the model. Every other violation is.
 */
function announced(f: Finding, warnings: readonly Diagnostic[]): boolean {
  if (f.rule !== 'notes-reachable' || !/^note \S+ is never called from the text$/u.test(f.message)) return false;
  return f.locations.some((l) => warnings.some((w) => w.code === 'unreferenced-note' && w.line === l.line));
}

export function checkLetter(letter: Letter, lines: number, warnings: readonly Diagnostic[]): void {
  const violations = checkDocument(letter).filter((f) => f.fails && !announced(f, warnings));
  if (violations.length) fail('model/document-rules', violations.map((v) => `${v.rule}: ${v.message}`).slice(0, 5).join('; '));

  for (const [path, value] of leaves(letter, 'letter')) {
    if (typeof value === 'string') {
      const bad = forbiddenIn(value);
      if (bad) fail('model/forbidden-character', `${path} holds ${bad}`);
      if (/[\r\n]/u.test(value)) fail('model/line-end', `${path} holds a line end`);
    } else if (path.endsWith('.line') && (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > lines)) {
      fail('model/line', `${path} = ${value} is not a line of the ${lines}-line file`);
    }
  }

  // Note calls and notes agree both ways: a writer links each call to its note and back.
  const calls = new Map<string, string[]>();
  const refIds = new Set<string>();
  walkLetter(letter, {
    inline: (i) => {
      if (i.type !== 'noteRef') return;
      if (refIds.has(i.refId)) fail('model/note-calls', `the call id "${i.refId}" is used twice`);
      refIds.add(i.refId);
      calls.set(i.noteId, [...(calls.get(i.noteId) ?? []), i.refId]);
    },
  }, { notes: false });
  const noteIds = new Set<string>();
  for (const n of letter.notes) {
    if (noteIds.has(n.id)) fail('model/note-ids', `note id "${n.id}" is used twice`);
    noteIds.add(n.id);
    const called = calls.get(n.id) ?? [];
    if (JSON.stringify(called) !== JSON.stringify(n.refIds)) fail('model/note-calls', `note ${n.id} lists calls ${JSON.stringify(n.refIds)}; the text has ${JSON.stringify(called)}`);
  }
  for (const id of calls.keys()) if (!noteIds.has(id)) fail('model/note-calls', `a call points at note "${id}", which does not exist`);

  if (letter.date.iso !== undefined) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(letter.date.iso);
    const d = m ? new Date(`${letter.date.iso}T00:00:00Z`) : undefined;
    if (!m || !d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== letter.date.iso) {
      fail('model/date', `date "${letter.date.text}" has ISO form "${letter.date.iso}", not a real YYYY-MM-DD date`);
    }
  }
  if (letter.subject.text.trim() === '') fail('model/subject', 'the subject (the title of every publication) is empty');
}

// ---------------------------------------------------------------- parser

export type ParseOutcome = { kind: 'letter'; letter: Letter; warnings: number } | { kind: 'input-error'; code: string; message: string };

export function checkParse(bytes: Uint8Array, file = 'fuzz.txt'): ParseOutcome {
  const lines = lineCount(bytes);
  let result;
  try {
    result = parseLetterText(file, bytes);
  } catch (err) {
    if (!(err instanceof InputError)) fail('parse/unexpected-exception', describeError(err), err);
    checkDiagnostic(err.diagnostic, 'parse/input-error', file, lines, 'error');
    return { kind: 'input-error', code: err.diagnostic.code, message: err.diagnostic.message };
  }
  for (const w of result.warnings) checkDiagnostic(w, 'parse/warning', file, lines, 'warning');
  checkLetter(result.letter, lines, result.warnings);
  return { kind: 'letter', letter: result.letter, warnings: result.warnings.length };
}

// ---------------------------------------------------------------- XML and HTML

/** Parses XML with a conforming parser (namespaces checked); throws on the first error. */
export function checkXml(text: string, invariant: string, what: string): void {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let error: Error | undefined;
  let root = false;
  parser.on('error', (e) => { error ??= e; });
  parser.on('opentag', () => { root = true; });
  parser.write(text).close();
  if (error) fail(invariant, `${what} is not well-formed XML: ${error.message}`);
  if (!root) fail(invariant, `${what} has no root element`);
  const bad = forbiddenIn(text);
  if (bad) fail(invariant, `${what} holds ${bad}`);
}

function decodeUtf8(bytes: Uint8Array, invariant: string, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail(invariant, `${what} is not UTF-8`);
  }
}

type Element = DefaultTreeAdapterMap['element'];
type Node = DefaultTreeAdapterMap['node'];

function* elements(node: Node): Generator<Element> {
  if ('tagName' in node) yield node;
  const children = 'childNodes' in node ? node.childNodes : [];
  for (const c of children) yield* elements(c);
  if ('content' in node && node.content) yield* elements(node.content);
}

export function checkHtml(bytes: Uint8Array, letter: Letter): void {
  const html = decodeUtf8(bytes, 'html/encoding', 'the HTML page');
  const errors: ParserError[] = [];
  const doc = parseHtml(html, { onParseError: (e) => { errors.push(e); } });
  if (errors.length) {
    const e = errors[0]!;
    fail('html/parse', `${errors.length} HTML parse error(s); first: ${e.code} at ${e.startLine}:${e.startCol}: ${JSON.stringify(html.slice(Math.max(0, e.startOffset - 60), e.startOffset + 60))}`);
  }
  const bad = forbiddenIn(html);
  if (bad) fail('html/forbidden-character', `the page holds ${bad}`);
  const all = [...elements(doc)];
  const root = all.find((e) => e.tagName === 'html');
  const lang = root?.attrs.find((a) => a.name === 'lang')?.value;
  if (lang !== letter.lang) fail('html/lang', `<html lang> is ${JSON.stringify(lang)}, not "${letter.lang}"`);
  const titles = all.filter((e) => e.tagName === 'title' && e.namespaceURI === 'http://www.w3.org/1999/xhtml');
  const titleText = titles[0]?.childNodes.map((c) => ('value' in c ? c.value : '')).join('').trim() ?? '';
  if (titles.length !== 1 || titleText === '') fail('html/title', `the page has ${titles.length} HTML <title> element(s); it needs one with text`);
  if (!all.some((e) => e.tagName === 'h1')) fail('html/h1', 'the page has no <h1> (the subject)');
}

// ---------------------------------------------------------------- EPUB

const XML_ENTRY = /\.(?:xhtml|html|opf|ncx|xml|svg|smil)$/iu;

export function checkEpub(bytes: Uint8Array): void {
  // OCF: the first entry is `mimetype`, stored, at the very start of the file.
  if (Buffer.from(bytes.subarray(30, 38)).toString('latin1') !== 'mimetype' || bytes[8] !== 0 || bytes[9] !== 0) {
    fail('epub/mimetype', 'the container does not start with a stored "mimetype" entry');
  }
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (err) {
    return fail('epub/zip', `the container does not unzip: ${describeError(err)}`, err);
  }
  if (strFromU8(entries.mimetype ?? new Uint8Array()) !== 'application/epub+zip') fail('epub/mimetype', 'mimetype is not "application/epub+zip"');
  for (const [name, data] of Object.entries(entries)) {
    if (name.startsWith('/') || name.split('/').includes('..') || name.includes('\\')) fail('epub/entry-name', `unsafe entry name ${JSON.stringify(name)}`);
    if (XML_ENTRY.test(name)) checkXml(decodeUtf8(data, 'epub/encoding', name), 'epub/xml', name);
  }
  const container = entries['META-INF/container.xml'];
  if (!container) fail('epub/container', 'no META-INF/container.xml');
  const opfPath = /full-path="([^"]+)"/u.exec(strFromU8(container))?.[1];
  const opf = opfPath ? entries[opfPath] : undefined;
  if (!opfPath || !opf) fail('epub/container', `the package document ${JSON.stringify(opfPath)} is not in the container`);
  // Every manifest item is in the container.
  const parser = new SaxesParser({ xmlns: true });
  const missing: string[] = [];
  parser.on('opentag', (tag) => {
    if (tag.local !== 'item') return;
    const href = tag.attributes.href;
    const value = typeof href === 'string' ? href : href?.value;
    if (!value) return;
    const path = posix.normalize(posix.join(posix.dirname(opfPath), decodeURIComponent(value)));
    if (!entries[path]) missing.push(path);
  });
  parser.write(strFromU8(opf)).close();
  if (missing.length) fail('epub/manifest', `manifest items missing from the container: ${missing.slice(0, 5).join(', ')}`);
}

// ---------------------------------------------------------------- PDF

/** qpdf is an executable somewhere on the PATH. */
export function qpdfAvailable(): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    if (dir === '') return false;
    try {
      accessSync(join(dir, 'qpdf'), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function qpdfCheck(file: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile('qpdf', ['--check', file], { maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

export async function checkPdf(bytes: Uint8Array, pages: number | undefined, scratch: { dir: string; qpdf: boolean }): Promise<void> {
  const head = Buffer.from(bytes.subarray(0, 8)).toString('latin1');
  if (!head.startsWith('%PDF-')) fail('pdf/header', `the file starts with ${JSON.stringify(head)}, not %PDF-`);
  if (!Buffer.from(bytes.subarray(Math.max(0, bytes.length - 32))).toString('latin1').includes('%%EOF')) fail('pdf/eof', 'no %%EOF at the end');
  let pdf: PDFDocument;
  try {
    pdf = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
  } catch (err) {
    return fail('pdf/open', `pdf-lib cannot open the PDF: ${describeError(err)}`, err);
  }
  if (pages !== undefined && pdf.getPageCount() !== pages) fail('pdf/pages', `the PDF has ${pdf.getPageCount()} pages; the writer reported ${pages}`);
  if (!pdf.catalog.get(PDFName.of('StructTreeRoot'))) fail('pdf/tagged', 'the catalog has no StructTreeRoot');
  const metadata = pdf.catalog.lookup(PDFName.of('Metadata'));
  if (!(metadata instanceof PDFRawStream)) return fail('pdf/xmp', 'the catalog has no Metadata stream');
  let xmp: Uint8Array;
  try {
    xmp = decodePDFRawStream(metadata).decode();
  } catch (err) {
    return fail('pdf/xmp', `the Metadata stream does not decode: ${describeError(err)}`, err);
  }
  checkXml(decodeUtf8(xmp, 'pdf/xmp', 'the XMP packet').replace(/^\ufeff/u, ''), 'pdf/xmp', 'the XMP packet');
  if (scratch.qpdf) {
    const file = join(scratch.dir, 'check.pdf');
    writeFileSync(file, bytes);
    const { code, output } = await qpdfCheck(file);
    if (code !== 0) fail('pdf/qpdf', `qpdf --check exits ${code}: ${output.split('\n').filter((l) => /error|warning|WARNING/iu.test(l)).slice(0, 5).join(' | ') || output.slice(0, 500)}`);
  }
}

// ---------------------------------------------------------------- rendering

export type RenderOutcome = { kind: 'published'; pages: number } | { kind: 'input-error'; code: string; message: string };

/**
 * Renders the letter file (written to `scratch.dir`) in all three formats without checks, in
 * memory, and checks each file.
 */
export async function checkRender(bytes: Uint8Array, scratch: { dir: string; qpdf: boolean }): Promise<RenderOutcome> {
  const path = join(scratch.dir, 'letter.txt');
  writeFileSync(path, bytes);
  const lines = lineCount(bytes);
  let rendered;
  try {
    rendered = await renderLetter(path, { formats: ['html', 'pdf', 'epub'], claim: { checked: false } });
  } catch (err) {
    if (!(err instanceof InputError)) fail('render/unexpected-exception', describeError(err), err);
    checkDiagnostic(err.diagnostic, 'render/input-error', path, lines, 'error');
    return { kind: 'input-error', code: err.diagnostic.code, message: err.diagnostic.message };
  }
  checkLetter(rendered.letter, lines, rendered.warnings);
  const byFormat = new Map(rendered.files.map((f) => [f.format, f]));
  const html = byFormat.get('html');
  const pdf = byFormat.get('pdf');
  const epub = byFormat.get('epub');
  if (!html || !pdf || !epub || rendered.files.length !== 3) fail('render/files', `files written: ${rendered.files.map((f) => f.file).join(', ')}`);
  checkHtml(html.data, rendered.letter);
  checkEpub(epub.data);
  await checkPdf(pdf.data, pdf.pages, scratch);
  return { kind: 'published', pages: pdf.pages ?? 0 };
}
