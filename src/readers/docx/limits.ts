/**
 * How much of a .docx rijkspers is willing to unpack. A letter's package holds a few dozen parts
 * (a picture-heavy one a few hundred) and unpacks to a few MB; the limits are far above that and
 * far below what strains the machine, so a zip bomb is refused before anything is inflated, from
 * the sizes the zip's central directory declares, and again while inflating should those lie.
 */

/** Entries in the zip: Word writes 10–40 parts, plus one per picture. */
export const MAX_ENTRIES = 2000;

/** One part unpacked: a 4,000-question annex is about 30 MB of document.xml. */
export const MAX_PART_BYTES = 64 * 1024 * 1024;

/** All parts unpacked together. */
export const MAX_TOTAL_BYTES = 128 * 1024 * 1024;

/**
 * Unpacked : packed for a part larger than `RATIO_FLOOR`. WordprocessingML compresses 5–20 : 1,
 * pictures about 1 : 1; only a bomb's repeated bytes come near 1000 : 1.
 */
export const MAX_RATIO = 200;
export const RATIO_FLOOR = 1024 * 1024;
