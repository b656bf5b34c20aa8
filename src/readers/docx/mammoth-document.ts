/**
 * mammoth reads the body: it resolves styles, merges what Word splits (fields, tracked insertions,
 * content controls, hyperlinks by relationship), reads footnotes and endnotes, table spans and
 * pictures. Its public `transformDocument` hook hands over the document tree it built; that tree,
 * not mammoth's HTML, is what rijkspers reads. The types below are the part of mammoth's
 * document model (lib/documents.js, mammoth 1.13.0) this reader relies on.
 */
import mammoth from 'mammoth';
import { zipSync, type Zippable } from 'fflate';
import { InputError } from '../shared/diagnostics.js';

export interface MText { type: 'text'; value: string }
export interface MTab { type: 'tab' }
export interface MBreak { type: 'break'; breakType: 'line' | 'page' | 'column' }
export interface MBookmark { type: 'bookmarkStart'; name: string }
export interface MNoteReference { type: 'noteReference'; noteType: 'footnote' | 'endnote'; noteId: string }
export interface MCheckbox { type: 'checkbox'; checked: boolean }
export interface MImage { type: 'image'; altText?: string; contentType?: string; read(): Promise<Buffer> }
export interface MHyperlink { type: 'hyperlink'; href?: string; anchor?: string; children: MNode[] }
export interface MRun {
  type: 'run'; children: MNode[]; styleName: string | null; isBold: boolean; isItalic: boolean;
  verticalAlignment: 'baseline' | 'superscript' | 'subscript';
}
export interface MParagraph { type: 'paragraph'; children: MNode[]; styleId: string | null; styleName: string | null }
export interface MTableCell { type: 'tableCell'; children: MNode[]; colSpan: number; rowSpan: number }
export interface MTableRow { type: 'tableRow'; children: MTableCell[]; isHeader: boolean }
export interface MTable { type: 'table'; children: MTableRow[] }
export interface MOther { type: 'commentReference' | 'comment' | 'note' | 'document' }

export type MNode = MText | MTab | MBreak | MBookmark | MNoteReference | MCheckbox | MImage | MHyperlink | MRun | MParagraph | MTable | MTableRow | MTableCell | MOther;

export interface MNote { noteType: 'footnote' | 'endnote'; noteId: string; body: MNode[] }

export interface MDocument {
  children: MNode[];
  notes: { resolve(ref: { noteType: string; noteId: string }): MNote | null };
}

/**
 * Runs mammoth on a package rebuilt from the parts rijkspers has already unpacked and checked
 * (stored, not compressed: mammoth's own unzipping never sees the original file), with the
 * prepared document part in place of the original.
 */
export async function readWithMammoth(file: string, parts: Zippable): Promise<MDocument> {
  const zip = zipSync(parts, { level: 0 });
  let captured: MDocument | undefined;
  try {
    await mammoth.convertToHtml({ buffer: Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength) }, {
      // Pictures linked from outside the file are never fetched.
      externalFileAccess: false,
      // The HTML is not used: keep the tree, hand mammoth an empty document to convert.
      transformDocument: (doc: MDocument & Record<string, unknown>) => {
        captured = doc;
        return { ...doc, children: [] };
      },
    });
  } catch (err) {
    throw new InputError(file, 1, 'unreadable-docx',
      `the Word document cannot be read (${err instanceof Error ? err.message : String(err)}); open it in Word and save it again`);
  }
  if (!captured) throw new InputError(file, 1, 'unreadable-docx', 'the Word document cannot be read; open it in Word and save it again');
  return captured;
}
