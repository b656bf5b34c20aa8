/**
 * Reproducible OCF zipping. The same entries and date give the same bytes on any machine and in
 * any time zone: `mimetype` first and stored, then a fixed file order, one timestamp for every
 * entry, no extra fields, no directory entries, no clock.
 */
import { zipSync, type ZipOptions, type Zippable } from 'fflate';

export interface ZipEntry {
  /** Path inside the container, `/`-separated, no leading slash. */
  path: string;
  data: Uint8Array;
}

export const MIMETYPE = 'application/epub+zip';

/** Formats that deflate cannot shrink: stored, which saves the time of trying. */
const ALREADY_COMPRESSED = /\.(?:woff2?|png|jpe?g|gif|webp)$/iu;

/**
 * The order files take in the container: `mimetype` (OCF requires it first), `META-INF/`, the
 * package document, then everything else by code point. Independent of the order the library
 * happened to add them in.
 */
export function ocfOrder(a: string, b: string): number {
  const rank = (p: string): number => (p === 'mimetype' ? 0 : p.startsWith('META-INF/') ? 1 : p.endsWith('.opf') ? 2 : 3);
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return byRank;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A DOS timestamp holds local wall-clock fields, and fflate reads them with the local getters:
 * building the Date from local fields makes the stored value the same in every time zone.
 */
export function zipTimestamp(isoDate: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})/u.exec(isoDate);
  if (!m) throw new Error(`zip timestamp: not an ISO date: "${isoDate}"`);
  // A zip (DOS) date holds the years 1980–2107 and fflate takes 1980–2099: a letter dated outside
  // (a mistyped "2206") gets the nearest year it can hold; the letter's own date stays as written.
  const year = Math.min(2099, Math.max(1980, Number(m[1])));
  return new Date(year, Number(m[2]) - 1, Number(m[3]), 0, 0, 0);
}

/** Zips an EPUB container. `mimetype` is added when missing and always stored uncompressed. */
export function zipEpub(entries: readonly ZipEntry[], isoDate: string): Uint8Array {
  const mtime = zipTimestamp(isoDate);
  const seen = new Set<string>();
  const all = [...entries];
  if (!all.some((e) => e.path === 'mimetype')) all.push({ path: 'mimetype', data: new TextEncoder().encode(MIMETYPE) });
  all.sort((a, b) => ocfOrder(a.path, b.path));
  const files: Zippable = {};
  for (const entry of all) {
    if (seen.has(entry.path)) throw new Error(`zip: duplicate entry "${entry.path}"`);
    // fflate keeps object key order, except that integer-like keys would jump to the front.
    if (/^\d+$/u.test(entry.path) || entry.path.startsWith('/') || entry.path.endsWith('/')) {
      throw new Error(`zip: unusable entry name "${entry.path}"`);
    }
    seen.add(entry.path);
    const options: ZipOptions = { level: entry.path === 'mimetype' || ALREADY_COMPRESSED.test(entry.path) ? 0 : 9, mtime, os: 0, attrs: 0 };
    files[entry.path] = [entry.data, options];
  }
  return zipSync(files);
}
