/**
 * Paragraph styles from `word/styles.xml`, followed along `w:basedOn`: which styles are headings
 * (their outline level, or Word's built-in names "heading 1…9"), which are captions, and which
 * carry list numbering. Style ids are the producer's own (`Kop1`, `Heading1`); names are not.
 */
import { child, children, isOn, path, type XmlElement } from './xml.js';

interface StyleInfo {
  id: string;
  name: string;
  basedOn?: string;
  outlineLevel?: number;
  numbering?: { numId: string; ilvl: number };
  bold?: boolean;
}

export type CaptionKind = 'table' | 'image' | 'any';

export class Styles {
  private readonly byId = new Map<string, StyleInfo>();

  constructor(root: XmlElement | undefined) {
    for (const s of children(root, 'w:style')) {
      if ((s.attrs['w:type'] ?? 'paragraph') !== 'paragraph' && s.attrs['w:type'] !== 'character') continue;
      const id = s.attrs['w:styleId'] ?? '';
      const pPr = child(s, 'w:pPr');
      const outline = path(pPr, 'w:outlineLvl')?.attrs['w:val'];
      const numPr = path(pPr, 'w:numPr');
      const numId = path(numPr, 'w:numId')?.attrs['w:val'];
      const b = path(s, 'w:rPr', 'w:b');
      this.byId.set(id, {
        id, name: path(s, 'w:name')?.attrs['w:val'] ?? id,
        ...(path(s, 'w:basedOn')?.attrs['w:val'] ? { basedOn: path(s, 'w:basedOn')!.attrs['w:val']! } : {}),
        ...(outline !== undefined && /^\d$/u.test(outline) ? { outlineLevel: Number(outline) } : {}),
        ...(numId !== undefined ? { numbering: { numId, ilvl: Number(path(numPr, 'w:ilvl')?.attrs['w:val'] ?? '0') || 0 } } : {}),
        ...(b ? { bold: isOn(b) } : {}),
      });
    }
  }

  /** The style and the ones it is based on, nearest first (cycles cut). */
  private chain(id: string | undefined): StyleInfo[] {
    const out: StyleInfo[] = [];
    const seen = new Set<string>();
    for (let s = id === undefined ? undefined : this.byId.get(id); s && !seen.has(s.id); s = s.basedOn ? this.byId.get(s.basedOn) : undefined) {
      seen.add(s.id);
      out.push(s);
    }
    return out;
  }

  name(id: string | undefined): string | undefined {
    return id === undefined ? undefined : this.byId.get(id)?.name;
  }

  /**
   * The heading level (1 = Heading 1) of a paragraph with this style and this direct outline level,
   * or undefined for body text. Outline level 9 is Word's "body text".
   */
  headingLevel(id: string | undefined, directOutline: number | undefined): number | undefined {
    if (directOutline !== undefined) return directOutline < 9 ? directOutline + 1 : undefined;
    for (const s of this.chain(id)) {
      const byName = /^heading\s*([1-9])$/iu.exec(s.name);
      if (byName) return Number(byName[1]);
      if (s.outlineLevel !== undefined) return s.outlineLevel < 9 ? s.outlineLevel + 1 : undefined;
    }
    return undefined;
  }

  /** What a caption style captions: Word's "caption" (and styles based on it), pandoc's table and image captions. */
  captionKind(id: string | undefined): CaptionKind | undefined {
    for (const s of this.chain(id)) {
      const name = s.name.toLowerCase().replace(/\s+/gu, ' ');
      if (name === 'table caption') return 'table';
      if (name === 'image caption' || name === 'figure caption') return 'image';
      if (name === 'caption') return 'any';
    }
    return undefined;
  }

  /** List numbering a style gives its paragraphs (Word's "List Number", numbered heading styles). */
  numbering(id: string | undefined): { numId: string; ilvl: number } | undefined {
    return this.chain(id).find((s) => s.numbering)?.numbering;
  }

  /** A paragraph or character style whose text is bold. */
  bold(id: string | undefined): boolean {
    return this.chain(id).find((s) => s.bold !== undefined)?.bold ?? false;
  }
}
