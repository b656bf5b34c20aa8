/**
 * Every rule the PDF/UA checker evaluates.
 *
 * Rule ids are veraPDF's PDF/UA-1 ids (`clause-testNumber`), taken from the veraPDF validation
 * profiles: github.com/veraPDF/veraPDF-validation-profiles, `PDF_UA/PDFUA-1.xml` (flavour
 * PDFUA_1, commit 70ddbd42) and, for rules kept in their own files there, `PDF_UA/1/6 Conformance
 * requirements/6.2 Conforming files/verapdf-profile-6-2-t01.xml` (6.2-1),
 * `PDF_UA/1/7.1 General/verapdf-profile-7-1-t11.xml` (7.1-11) and `…-7-1-t12.xml` (7.1-12),
 * `PDF_UA/1/7.21 Fonts/7.21.4 Embedding/7.21.4.2 Subset embedding/verapdf-profile-7-21-4-2-t01.xml`
 * (7.21.4.2-1) and `…-7-21-4-2-t02.xml` (7.21.4.2-2), and
 * `PDF_UA/1/7.21 Fonts/7.21.5 Font metrics/verapdf-profile-7-21-5-t01.xml` (7.21.5-1).
 * Checks veraPDF does not make carry rijkspers ids `RP-…`.
 *
 * Where a check has no veraPDF rule of its own it is reported under the closest one and the
 * summary says so (ParentTree consistency → 7.1-3).
 */

export interface RuleInfo {
  id: string;
  /** What the rule requires, in one sentence. */
  summary: string;
  /** How to fix it. */
  help: string;
  severity: 'error' | 'warning';
}

const VERAPDF_WIKI = 'https://github.com/veraPDF/veraPDF-validation-profiles/wiki/PDFUA-Part-1-rules';

/** veraPDF's wiki anchors drop the dots: rule 7.21.4.1-1 → `#rule-72141-1`. */
export function ruleHelpUrl(id: string): string | undefined {
  if (id.startsWith('RP-')) return undefined;
  const [clause, test] = id.split('-');
  return `${VERAPDF_WIKI}#rule-${clause!.replace(/\./g, '')}-${test}`;
}

const rule = (id: string, summary: string, help: string, severity: 'error' | 'warning' = 'error'): RuleInfo => ({
  id,
  summary,
  help,
  severity,
});

export const RULES: readonly RuleInfo[] = [
  // ------------------------------------------------------------ file, catalog, metadata
  rule('RP-unreadable', 'The file can be read as a PDF.', 'Regenerate the file; it is damaged or not a PDF.'),
  rule('RP-encrypted', 'The file is not encrypted (rijkspers cannot check encrypted content; PDF/UA 7.16 also limits encryption).', 'Publish without encryption.'),
  rule('5-1', 'The XMP metadata identifies the file as PDF/UA (pdfuaid:part) and is well-formed XML.', 'Write pdfuaid:part in the XMP packet and XML-escape every value (& < > ").'),
  rule('5-2', 'pdfuaid:part is 1.', 'Set pdfuaid:part to 1.'),
  rule('6.2-1', 'The catalog has /MarkInfo with /Marked true.', 'Write /MarkInfo << /Marked true >> in the catalog (pdfkit: tagged: true).'),
  rule('7.1-4', 'MarkInfo /Suspects is not true.', 'Remove /Suspects true from /MarkInfo.'),
  rule('7.1-8', 'The catalog has a /Metadata XMP stream.', 'Embed an XMP metadata stream in the catalog.'),
  rule('7.1-9', 'The XMP metadata has a non-empty dc:title.', 'Write the document title as dc:title.'),
  rule('7.1-10', 'The catalog has /ViewerPreferences with /DisplayDocTitle true.', 'Set /ViewerPreferences << /DisplayDocTitle true >> (pdfkit: displayTitle: true).'),
  rule('7.1-11', 'The catalog has a /StructTreeRoot.', 'Tag the document: build a structure tree.'),

  // ------------------------------------------------------------ marked content
  rule('7.1-1', 'No artifact inside tagged content.', 'Close the tagged marked-content sequence (EMC) before opening /Artifact.'),
  rule('7.1-2', 'No tagged content inside an artifact.', 'Close the /Artifact sequence before opening tagged content.'),
  rule(
    '7.1-3',
    'All content is tagged (its MCID reachable from the structure tree through the ParentTree) or marked as /Artifact. ParentTree/structure-tree disagreements and structure references to missing MCIDs, which have no veraPDF rule of their own, are reported here too.',
    'Wrap every drawing operation in a marked-content sequence with an MCID that a structure element references (and the ParentTree maps back), or in /Artifact.',
  ),
  rule('7.20-1', 'No reference XObjects (Form XObject with /Ref).', 'Embed the content itself instead of referencing another file.'),
  rule('7.20-2', 'A Form XObject with MCIDs is drawn only once.', 'Use a separate Form XObject per placement when it holds tagged content.'),
  rule('RP-content-syntax', 'Content streams can be read (no syntax damage, no undecodable stream).', 'Regenerate the page content.'),
  rule('RP-marked-content-nesting', 'Every BMC/BDC has its EMC in the same content stream.', 'Balance BMC/BDC with EMC.'),

  // ------------------------------------------------------------ structure
  rule('7.1-5', 'Non-standard structure types are role-mapped to a standard type.', 'Add a RoleMap entry to a standard type, or use a standard type.'),
  rule('7.1-6', 'The RoleMap has no circular mapping.', 'Make every RoleMap chain end at a standard type.'),
  rule('7.1-7', 'Standard structure types are not remapped.', 'Remove the RoleMap entry for the standard type.'),
  rule('7.1-12', 'Every structure element has a /P (parent) entry.', 'Write /P on each structure element.'),
  rule('RP-struct-damage', 'The structure tree is sound: kids are elements, MCRs or OBJRs; no element or MCID is claimed twice.', 'Repair the structure tree.'),
  rule('7.3-1', 'Figure elements have /Alt or /ActualText.', 'Give every Figure a description in /Alt.'),
  rule('7.7-1', 'Formula elements have /Alt or /ActualText.', 'Give every Formula an /Alt.'),
  rule('7.4.2-1', 'Numbered headings start at H1 and never skip a level going down.', 'Use H1 first and descend one level at a time.'),
  rule('7.4.4-1', 'A structure element has at most one H child.', 'Wrap each H with its section in a Sect.'),
  rule('7.4.4-2', 'A document does not use H together with H1–H6 (reported on H).', 'Use either H or numbered headings.'),
  rule('7.4.4-3', 'A document does not use H1–H6 together with H (reported on Hn).', 'Use either H or numbered headings.'),
  rule('7.2-26', 'TOCI elements are inside TOC.', 'Put TOCI inside TOC.'),
  rule('7.2-27', 'TOC holds only TOC, TOCI and a first Caption.', 'Restructure the TOC.'),

  // ------------------------------------------------------------ lists and tables
  rule('7.2-17', 'LI elements are inside L.', 'Put every LI inside an L.'),
  rule('7.2-18', 'LBody elements are inside LI.', 'Put every LBody inside an LI.'),
  rule('7.2-19', 'L holds only L, LI and a first Caption.', 'Put list content in LI elements.'),
  rule('7.2-20', 'LI holds only Lbl and LBody.', 'Put the marker in Lbl and the text in LBody.'),
  rule('7.2-40', 'A Caption in L is its first kid.', 'Move the Caption to the start of the list.'),
  rule('7.2-3', 'Table holds only TR, THead, TBody, TFoot and one Caption first or last.', 'Restructure the table.'),
  rule('7.2-4', 'TR is inside Table, THead, TBody or TFoot.', 'Put rows inside a table.'),
  rule('7.2-5', 'THead is inside Table.', 'Put THead inside Table.'),
  rule('7.2-6', 'TBody is inside Table.', 'Put TBody inside Table.'),
  rule('7.2-7', 'TFoot is inside Table.', 'Put TFoot inside Table.'),
  rule('7.2-8', 'TH is inside TR.', 'Put header cells in rows.'),
  rule('7.2-9', 'TD is inside TR.', 'Put data cells in rows.'),
  rule('7.2-10', 'TR holds only TH and TD.', 'Put row content in cells.'),
  rule('7.2-11', 'Table has at most one THead.', 'Merge the THead elements.'),
  rule('7.2-12', 'Table has at most one TFoot.', 'Merge the TFoot elements.'),
  rule('7.2-13', 'A Table with TFoot has TBody.', 'Add TBody.'),
  rule('7.2-14', 'A Table with THead has TBody.', 'Add TBody.'),
  rule('7.2-15', 'Tables are regular: every row has the same number of cells after RowSpan/ColSpan.', 'Fix the row and column spans.'),
  rule('7.2-36', 'THead holds only TR.', 'Put rows in THead.'),
  rule('7.2-37', 'TBody holds only TR.', 'Put rows in TBody.'),
  rule('7.2-38', 'TFoot holds only TR.', 'Put rows in TFoot.'),
  rule('7.2-39', 'Table has at most one Caption.', 'Keep one Caption.'),
  rule('7.5-1', 'TH cells have a Scope attribute unless the table uses Headers and IDs.', 'Set /A << /O /Table /Scope /Column >> (or /Row) on each TH.'),
  rule('7.5-2', 'Headers of a TD refer to IDs of cells in the same table.', 'Fix the Headers attribute.'),

  // ------------------------------------------------------------ language
  rule('7.2-29', 'Every /Lang (catalog, structure element, property list) is a language tag such as nl-NL.', 'Write a BCP 47 tag: nl, nl-NL, en-GB.'),
  rule('7.2-34', 'The language of all text is known (catalog /Lang or /Lang on its element or marked content).', 'Set /Lang in the catalog.'),
  rule('7.2-21', 'The language of ActualText is known.', 'Set /Lang in the catalog or on the element.'),
  rule('7.2-22', 'The language of Alt is known.', 'Set /Lang in the catalog or on the element.'),
  rule('7.2-23', 'The language of E (expansion) is known.', 'Set /Lang in the catalog or on the element.'),
  rule('7.2-24', 'The language of annotation Contents is known.', 'Set /Lang in the catalog.'),
  rule('7.2-33', 'The language of x-default metadata is known.', 'Set /Lang in the catalog.'),
  rule('7.2-2', 'The language of the outline (bookmarks) is known.', 'Set /Lang in the catalog.'),

  // ------------------------------------------------------------ notes
  rule('7.9-1', 'Note elements have a non-empty /ID.', 'Give every Note an /ID (and list it in the IDTree).'),
  rule('7.9-2', 'Note IDs are unique.', 'Make every Note /ID unique.'),
  rule(
    'RP-note-unreferenced',
    'Each Note is the target of a Link (or Reference) at its call, by destination name = Note /ID, destination page, or /Ref. No veraPDF rule.',
    'Link the note call to the Note (named destination equal to the Note ID).',
    'warning',
  ),

  // ------------------------------------------------------------ annotations
  rule('7.18.1-1', 'Annotations other than Link, Widget and Popup are in an Annot element.', 'Tag the annotation with an Annot element through an OBJR.'),
  rule('7.18.1-2', 'Annotations in Annot elements have Contents or Alt.', 'Write /Contents on the annotation or /Alt on its element.'),
  rule('7.18.2-1', 'No visible TrapNet annotations.', 'Remove the TrapNet annotation.'),
  rule('7.18.3-1', 'Pages with annotations have /Tabs /S.', 'Set /Tabs /S on the page.'),
  rule('7.18.4-1', 'Widget annotations are in a Form element.', 'Tag form fields with Form elements.'),
  rule('7.18.5-1', 'Link annotations are in a Link element (OBJR in /K, /StructParent in the ParentTree).', 'Reference the annotation from a Link element with an OBJR and set its /StructParent.'),
  rule('7.18.5-2', 'Link annotations have a non-empty /Contents.', 'Describe the link target in /Contents.'),
  rule('7.18.8-1', 'PrinterMark annotations are not in the structure tree.', 'Remove the PrinterMark annotation from the structure.'),

  // ------------------------------------------------------------ fonts
  rule('7.21.3.2-1', 'Embedded Type 2 CIDFonts have a /CIDToGIDMap.', 'Write /CIDToGIDMap /Identity (or a map stream) in the CIDFont.'),
  rule('7.21.4.1-1', 'Fonts used for rendering are embedded.', 'Embed the font (never use the 14 standard fonts; pdfkit: register a TTF).'),
  rule('7.21.4.1-2', 'Every glyph shown exists in the embedded font program.', 'Re-embed the font with all glyphs used.'),
  rule(
    '7.21.4.2-1',
    'The CharSet of an embedded Type 1 subset lists exactly the glyph names of its font program (.notdef aside).',
    'Write the CharSet from the glyphs actually in the subset, or leave CharSet out (it is optional).',
  ),
  rule(
    '7.21.4.2-2',
    'The CIDSet of an embedded CIDFont subset identifies exactly the CIDs present in its font program, used or not (for CIDFontType2: every glyph id below maxp.numGlyphs, through the CIDToGIDMap).',
    'Write the CIDSet from the subset program, including glyphs pulled in as components of composite glyphs (ë = e + ¨), or leave CIDSet out (it is optional in PDF/UA-1; rijkspers leaves it out, see src/render/pdf/cidset.ts).',
  ),
  rule(
    '7.21.5-1',
    'For every glyph shown (text rendering mode other than 3), the width in the font dictionary (/W and /DW, or /Widths, FirstChar and MissingWidth) agrees with the embedded font program within 1/1000 em. Checked for TrueType programs.',
    'Write /W or /Widths from the embedded program: advance width × 1000 / unitsPerEm of the glyph each code selects.',
  ),
  rule('7.21.7-1', 'Every character code shown maps to Unicode (ToUnicode or a standard encoding).', 'Write a complete /ToUnicode CMap.'),
  rule('7.21.7-2', 'ToUnicode never maps to U+0000, U+FEFF or U+FFFE.', 'Fix the ToUnicode CMap.'),
  rule('7.21.8-1', 'No text shows the .notdef glyph.', 'Use a font that has the characters; never show glyph 0.'),
  rule('RP-font-damage', 'Font resources (ToUnicode, encoding CMap, embedded program) can be read.', 'Regenerate the font resources.'),

  // ------------------------------------------------------------ rijkspers, beyond the validator
  rule(
    'RP-empty-text',
    'Structure elements that carry text (P, H, H1–H6, Lbl, LBody, Caption, Link, Note, Quote, Code, TOCI) contain some text, ActualText or Alt.',
    'Remove the empty element or put its text in it.',
  ),
];

export const RULE_BY_ID: ReadonlyMap<string, RuleInfo> = new Map(RULES.map((r) => [r.id, r]));
