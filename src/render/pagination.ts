/**
 * The interface between the PDF layout and the other formats: where each printed page begins.
 *
 * The PDF renderer reports one `PageStart` per page, in page order. The EPUB renderer places a
 * page-break marker at each position so its page-list matches the PDF page for page.
 */

export interface PageStart {
  /** 1-based page number in the PDF; also the label of the EPUB page-list entry. */
  page: number;
  /**
   * Where the page begins: the id of the block (see `Block.id`, `QaPart.id`, `QaAnnex.id`, or the
   * pseudo-ids below) whose text is the first thing on that page, and the character offset into the
   * block's plain text (`blockText`, or `signatoryText` for a signatory, in `model/text.ts`) of the
   * first character on the page.
   * Offset 0 means the page starts with the block itself, so the marker goes before it (before a
   * heading, never inside it).
   *
   * Ids come from one sequence over the whole letter: salutation, body blocks, closing, signatories,
   * the annex, its title and its question/answer parts all have one. Two pseudo-ids cover the rest:
   * `letterhead` (page 1 always starts here) and `notes` (a page that holds only the continuation
   * of a note, which cannot happen with the house style but must not break the interface).
   */
  blockId: string;
  offset: number;
}
