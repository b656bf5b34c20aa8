/** Views of the model the .docx tests compare with the manifest. */
import type { Block, Inline, Letter, List, Table } from '../../../src/model/ast.js';
import { inlineText } from '../../../src/model/text.js';

export function text(content: readonly Inline[]): string {
  return inlineText(content);
}

/** Text in the manifest's notation: note calls as `[footnoteRef:N]` / `[endnoteRef:N]`, a line break as `\n`. */
export function manifestText(content: readonly Inline[]): string {
  return content.map((i) => {
    if (i.type === 'noteRef') return i.noteId.startsWith('en-') ? `[endnoteRef:${i.label}]` : i.kind === 'source' ? i.label : `[footnoteRef:${i.label}]`;
    return i.type === 'break' ? '\n' : i.text;
  }).join('');
}

/** Every block of the body and the annex, depth first (list items are not blocks). */
export function allBlocks(letter: Letter): Block[] {
  const out: Block[] = [...letter.body];
  if (letter.annex) {
    out.push(...letter.annex.intro);
    for (const p of letter.annex.parts) out.push(...p.content);
  }
  return out;
}

export function blocksOf<T extends Block['type']>(letter: Letter, type: T): Array<Extract<Block, { type: T }>> {
  return allBlocks(letter).filter((b): b is Extract<Block, { type: T }> => b.type === type);
}

/** Every inline of the letter's running text, in order (body blocks, list items, table cells). */
export function inlines(letter: Letter): Inline[] {
  const out: Inline[] = [];
  const list = (l: List): void => { for (const it of l.items) { out.push(...it.content); if (it.children) list(it.children); } };
  for (const b of allBlocks(letter)) {
    if (b.type === 'paragraph' || b.type === 'heading') out.push(...b.content);
    else if (b.type === 'list') list(b);
    else if (b.type === 'table') for (const r of b.rows) for (const c of r.cells) for (const p of c.content) out.push(...p);
  }
  return out;
}

/** The cells of a table row by row, with the grid column each cell starts in. */
export function grid(table: Table): Array<Array<{ col: number; text: string; colSpan: number; rowSpan: number }>> {
  const taken: number[] = [];
  return table.rows.map((row, r) => {
    let col = 0;
    return row.cells.map((cell) => {
      while ((taken[col] ?? 0) > r) col++;
      const at = col;
      for (let k = 0; k < cell.colSpan; k++) taken[col + k] = r + cell.rowSpan;
      col += cell.colSpan;
      return { col: at, text: cell.content.map((p) => text(p)).join(' ').trim(), colSpan: cell.colSpan, rowSpan: cell.rowSpan };
    });
  });
}

/** Strips what legitimately differs between two readers of the same letter: source lines and the file. */
export function comparable(letter: Letter): unknown {
  return JSON.parse(JSON.stringify(letter, (key, value: unknown) => (key === 'line' || key === 'source' ? undefined : value)));
}
