/**
 * The header of page 1 (mammoth does not read headers). Government templates keep letterhead
 * there too: the logo, sometimes the reference column in a text box. Headers of later pages hold
 * only the running header (organisation, `Pagina X van Y`) and are not read at all; on page 1 a
 * paragraph with a page-number field and the short line above it are page furniture, dropped as
 * the text reader drops `Pagina 1 van N`.
 */
import dingbats from 'dingbat-to-unicode';
import { PAGE_FURNITURE } from '../shared/letter/patterns.js';
import { child, children, descendants, isOn, textOf, type XmlElement } from './xml.js';
import { paragraphFields } from './prepare-document.js';

export interface HeaderPiece {
  /** Paragraph texts, in order; `''` for an empty paragraph. */
  lines: string[];
  /** A text box in the right half of the page (the reference column). */
  right: boolean;
  /** Alternative texts of the pictures (`[image: ALT]` lines), in order. */
  pictures: Array<{ alt: string; decorative: boolean }>;
}

/** The plain text of a paragraph: field results without their instructions, no deleted text, no text boxes. */
export function plainParagraphText(p: XmlElement): string {
  let out = '';
  let inInstruction = false;
  const walk = (e: XmlElement): void => {
    for (const c of children(e)) {
      switch (c.name) {
        case 'w:fldChar': {
          const type = c.attrs['w:fldCharType'];
          inInstruction = type === 'begin';
          break;
        }
        case 'w:t': if (!inInstruction) out += textOf(c); break;
        case 'w:tab': if (!inInstruction) out += '\t'; break;
        case 'w:br': case 'w:cr': if (!inInstruction) out += ' '; break;
        case 'w:noBreakHyphen': out += '\u2011'; break;
        case 'w:sym': {
          const ch = parseInt((c.attrs['w:char'] ?? '').replace(/^F0/iu, ''), 16);
          out += Number.isFinite(ch) ? dingbats.codePoint(c.attrs['w:font'] ?? '', ch)?.string ?? '' : '';
          break;
        }
        case 'w:del': case 'w:instrText': case 'w:delText': case 'w:txbxContent': case 'mc:AlternateContent': case 'w:drawing': case 'w:pict': case 'w:pPr': case 'w:rPr':
          break;
        default: walk(c);
      }
    }
  };
  walk(p);
  return out;
}

function pictures(scope: XmlElement): HeaderPiece['pictures'] {
  const out: HeaderPiece['pictures'] = [];
  for (const d of [...descendants(scope, 'wp:inline'), ...descendants(scope, 'wp:anchor')]) {
    if (descendants(d, 'a:blip').length === 0) continue;
    const docPr = child(d, 'wp:docPr');
    const descr = docPr?.attrs.descr ?? '';
    out.push({ alt: descr.trim() !== '' ? descr : docPr?.attrs.title ?? '', decorative: docPr ? descendants(docPr, 'adec:decorative').some((x) => isOn(x, 'val')) : false });
  }
  return out;
}

/** Paragraph texts of a story (header body or text box), tables row by row, furniture dropped. */
function storyLines(story: XmlElement): string[] {
  const paragraphs: Array<{ text: string; furniture: boolean }> = [];
  const visit = (e: XmlElement): void => {
    for (const c of children(e)) {
      if (c.name === 'w:p') {
        const text = plainParagraphText(c).replace(/\s+$/u, '');
        paragraphs.push({ text, furniture: paragraphFields(c).pageField || PAGE_FURNITURE.test(text) });
      } else if (c.name === 'w:tbl') {
        for (const row of children(c, 'w:tr')) {
          for (const cell of children(row, 'w:tc')) visit(cell);
          paragraphs.push({ text: '', furniture: false });
        }
      } else if (c.name === 'w:sdt' || c.name === 'w:sdtContent' || c.name === 'w:customXml') visit(c);
    }
  };
  visit(story);
  const drop = new Set<number>();
  paragraphs.forEach((p, i) => {
    if (!p.furniture) return;
    drop.add(i);
    const above = paragraphs[i - 1];
    if (above && above.text.trim() !== '' && above.text.trim().length <= 100 && !/[.,;:!?]$/u.test(above.text.trim())) drop.add(i - 1);
  });
  return paragraphs.filter((_, i) => !drop.has(i)).map((p) => p.text);
}

/** The pieces of letterhead in a header part: its own paragraphs, then each text box in it. */
export function headerPieces(root: XmlElement, isRight: (holder: XmlElement) => boolean): HeaderPiece[] {
  const pieces: HeaderPiece[] = [];
  // Text boxes first taken note of (one copy each: the DrawingML one, else the VML fallback).
  const holders = [...descendants(root, 'mc:AlternateContent'), ...descendants(root, 'w:drawing', new Set(['mc:AlternateContent'])), ...descendants(root, 'w:pict', new Set(['mc:AlternateContent']))]
    .filter((h) => descendants(h, 'w:txbxContent').length > 0);
  const boxes: HeaderPiece[] = holders.map((h) => {
    const branch = h.name === 'mc:AlternateContent' ? (child(h, 'mc:Choice') && descendants(child(h, 'mc:Choice')!, 'w:txbxContent').length ? child(h, 'mc:Choice')! : child(h, 'mc:Fallback') ?? h) : h;
    const lines = descendants(branch, 'w:txbxContent', new Set(['w:txbxContent'])).flatMap(storyLines);
    return { lines, right: isRight(h), pictures: [] };
  });
  pieces.push({ lines: storyLines(root), right: false, pictures: pictures(root) });
  pieces.push(...boxes);
  return pieces.filter((p) => p.lines.some((l) => l.trim() !== '') || p.pictures.length > 0);
}
