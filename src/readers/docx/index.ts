/**
 * The Word reader (`.docx`): the same letter model as the text reader, plus what only Word keeps.
 * What is read from where (see also the README, "Word documents"):
 *  - the container: our own bounded zip reading (`zip-package.ts`), refusals for encrypted,
 *    macro-enabled and damaged files (`container.ts`, `package-parts.ts`);
 *  - `word/document.xml`: text boxes, frames, list instances, picture flags and sizes, table
 *    titles, section 1 (`prepare-document.ts`, our XML tree); then mammoth for the content itself:
 *    paragraphs, runs, marks, hyperlinks, fields, tables with spans, pictures, footnotes and
 *    endnotes (`mammoth-document.ts`, `body.ts`);
 *  - `word/styles.xml` and `word/numbering.xml`: headings, captions, list markers (ours);
 *  - the header of page 1: logo and letterhead a template keeps there (ours);
 *  - `docProps/core.xml`: the document language (ours).
 * Then the letter rules every reader shares (`../shared/letter/`), after the letterhead has been
 * put in the text export's order (`letterhead-order.ts`).
 */
import type { Zippable } from 'fflate';
import type { ReadLetter } from '../types.js';
import { warnDropped } from '../shared/characters.js';
import { DiagnosticSink } from '../shared/diagnostics.js';
import { buildLetter } from '../shared/letter/build-letter.js';
import type { SourceLine } from '../shared/letter/source-line.js';
import { NoteRegistry } from '../shared/notes.js';
import { readInputFile } from '../shared/read-file.js';
import { BodyReader } from './body.js';
import { checkContainer } from './container.js';
import { headerPieces, type HeaderPiece } from './headers.js';
import { orderLetter } from './letterhead-order.js';
import { readWithMammoth } from './mammoth-document.js';
import { formatNumber, Numbering } from './numbering.js';
import { refuseMacroExtension, WordPackage } from './package-parts.js';
import { holderIsRight, prepareDocument } from './prepare-document.js';
import { Styles } from './styles.js';
import { path as xmlPath, textOf } from './xml.js';
import { ZipPackage } from './zip-package.js';

/** Parts mammoth reads besides the main document: checked by our strict parser first. */
const MAMMOTH_PARTS = new Set(['styles', 'numbering', 'footnotes', 'endnotes', 'comments']);

/** A Word document read up to the letter rules: its lines in reading order and its notes. */
export interface WordDocument {
  sink: DiagnosticSink;
  notes: NoteRegistry;
  lines: SourceLine[];
}

export async function openWordDocument(path: string): Promise<WordDocument> {
  refuseMacroExtension(path);
  const bytes = await readInputFile(path);
  checkContainer(path, bytes);
  const zip = ZipPackage.open(path, bytes);
  const pkg = new WordPackage(path, zip);
  const rels = pkg.relationships(pkg.main).filter((r) => !r.external);
  const target = (type: string): string | undefined => rels.find((r) => r.type === type)?.target;
  const document = pkg.part(pkg.main)!;
  for (const r of rels) {
    if (!MAMMOTH_PARTS.has(r.type) || !pkg.has(r.target)) continue;
    pkg.part(r.target);
    pkg.relationships(r.target);
  }
  const styles = new Styles(target('styles') ? pkg.part(target('styles')!) : undefined);
  const numbering = new Numbering(target('numbering') ? pkg.part(target('numbering')!) : undefined);
  const prepared = prepareDocument(document, new Map(rels.map((r) => [r.id, r.target])));

  const parts: Zippable = {};
  for (const name of zip.names()) parts[name] = zip.read(name)!;
  parts[zip.names().find((n) => n.toLowerCase() === pkg.main.toLowerCase()) ?? pkg.main] = new TextEncoder().encode(prepared.xml);
  const doc = await readWithMammoth(path, parts);

  const sink = new DiagnosticSink(path, 'paragraph');
  const reader = new BodyReader(sink, prepared, styles, numbering);
  const body = reader.read(doc);
  await reader.loadPictures();
  for (const b of reader.tableLines) if (b.dropped) warnDropped(sink, b.n, b.dropped);
  for (const format of numbering.approximated) {
    sink.warn(1, 'list-format', `Word's list numbering "${format}" has no equivalent in the publications; those lists are numbered 1, 2, 3 (the markers keep Word's text)`);
  }

  // Word notes, numbered as Word shows them: in order of their first call, in their section's format.
  const settings = target('settings') ? pkg.part(target('settings')!) : undefined;
  const format = {
    footnote: prepared.section.footnoteFormat ?? xmlPath(settings, 'w:footnotePr', 'w:numFmt')?.attrs['w:val'] ?? 'decimal',
    endnote: prepared.section.endnoteFormat ?? xmlPath(settings, 'w:endnotePr', 'w:numFmt')?.attrs['w:val'] ?? 'lowerRoman',
  };
  const notes = new NoteRegistry(sink);
  for (const call of body.calls) {
    const note = doc.notes.resolve({ noteType: call.noteType, noteId: call.noteId });
    if (!note) continue;
    const { text, content } = reader.noteContent(note.body, call.n);
    notes.define(call.noteType, { number: call.number, text, line: call.n, label: formatNumber(call.number, format[call.noteType]), content });
  }

  // The header of page 1: the first-page header when the section has one, else the default.
  const headerPart = prepared.section.titlePage ? prepared.section.headers.first : prepared.section.headers.default;
  const headerTree = headerPart ? pkg.part(headerPart) : undefined;
  const header: HeaderPiece[] = headerTree ? headerPieces(headerTree, (h) => holderIsRight(h, prepared.layout)) : [];

  const core = pkg.part('docProps/core.xml');
  const language = core ? xmlPath(core, 'dc:language') : undefined;
  if (language && textOf(language).trim() !== '' && !/^nl\b/iu.test(textOf(language).trim())) {
    sink.warn(1, 'document-language', `the document's language is "${textOf(language).trim()}"; rijkspers publishes Dutch letters (nl)`);
  }

  return { sink, notes, lines: orderLetter(body, prepared.boxes, header) };
}

export const readDocx: ReadLetter = async (path, { stem }) => {
  const { sink, notes, lines } = await openWordDocument(path);
  return buildLetter({ file: path, stem, sink, notes, lines });
};
