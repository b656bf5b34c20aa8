/** Line shapes of the plain-text Word export: page furniture, placeholders, list items, numbered headings. */

/** Running header of the Word layout: `Pagina 1 van 5`. Page furniture, never content. */
export const PAGE_FURNITURE = /^\s*Pagina\s+\d+\s+(?:van|\/)\s+\d+\s*$/iu;

export const LOGO = /^\s*\[image:\s*(.*?)\s*\]\s*$/iu;

/** A source reference definition at the end of the file: `[1] X, 18 januari 2026 (https://…)`. */
export const SOURCE_DEFINITION = /^\[(\d{1,3})\][ \t\u00a0]+(\S.*)$/u;

export const BULLET_ITEM = /^(?<indent>[ \t]*)(?<marker>[-•–—*·▪◦■□➢►✓]|o(?=\t))[ \t]+(?<text>\S.*)$/u;

export const ORDERED_ITEM = /^(?<indent>[ \t]*)(?<marker>(?<num>\d{1,3}|[a-z]|[A-Z]|[ivx]{1,5})(?<suffix>[.)]))[ \t]+(?<text>\S.*)$/u;

export const NUMBERED_HEADING = /^(?<num>\d{1,2}(?:\.\d{1,2}){0,2})\.?[ \t]+(?<text>\p{Lu}.*)$/u;
