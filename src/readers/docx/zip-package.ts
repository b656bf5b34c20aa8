/**
 * The zip container of a .docx, read with limits. The central directory is read first (it is
 * short and declares every entry's sizes), so a zip bomb or a zip of 20,000 entries is refused
 * before a byte is inflated; each part is then inflated by fflate in slices and abandoned as soon
 * as it gives more than it declared. Binary structures only: no XML is looked at here.
 */
import { Inflate } from 'fflate';
import { InputError } from '../shared/diagnostics.js';
import { MAX_ENTRIES, MAX_PART_BYTES, MAX_RATIO, MAX_TOTAL_BYTES, RATIO_FLOOR } from './limits.js';

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const MiB = (n: number): string => `${(n / 1048576).toFixed(1)} MiB`;

/** Reads little-endian integers, failing as a damaged zip when the structure runs past the end. */
class Reader {
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array, private readonly fail: (why: string) => never) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u16(at: number): number { this.check(at, 2); return this.view.getUint16(at, true); }
  u32(at: number): number { this.check(at, 4); return this.view.getUint32(at, true); }
  u64(at: number): number {
    this.check(at, 8);
    const v = this.view.getBigUint64(at, true);
    return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
  }
  check(at: number, length: number): void {
    if (at < 0 || at + length > this.bytes.length) this.fail('a zip structure runs past the end of the file');
  }
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export class ZipPackage {
  private readonly entries = new Map<string, Entry>();
  private readonly cache = new Map<string, Uint8Array>();

  private constructor(private readonly file: string, private readonly bytes: Uint8Array) {}

  /** Opens a zip: reads the central directory and checks every limit before inflating anything. */
  static open(file: string, bytes: Uint8Array): ZipPackage {
    const zip = new ZipPackage(file, bytes);
    zip.readDirectory();
    return zip;
  }

  private fail(code: string, message: string): never {
    throw new InputError(this.file, 1, code, message);
  }

  private readDirectory(): void {
    const r = new Reader(this.bytes, (why) => this.fail('damaged-zip', `the zip container is damaged (${why}); open the letter in Word and save it again`));
    let eocd = -1;
    for (let at = this.bytes.length - 22; at >= 0 && at >= this.bytes.length - 22 - 0xffff; at--) {
      if (r.u32(at) === EOCD) { eocd = at; break; }
    }
    if (eocd < 0) this.fail('damaged-zip', 'the zip container has no central directory (the file is cut off or damaged); open the letter in Word and save it again');
    let count = r.u16(eocd + 10);
    let offset = r.u32(eocd + 16);
    if ((count === 0xffff || offset === 0xffffffff) && eocd >= 20 && r.u32(eocd - 20) === ZIP64_LOCATOR) {
      const z = r.u64(eocd - 12);
      if (r.u32(z) !== ZIP64_EOCD) this.fail('damaged-zip', 'the zip64 directory record is missing');
      count = r.u64(z + 32);
      offset = r.u64(z + 48);
    }
    if (count > MAX_ENTRIES) {
      this.fail('too-many-entries', `the zip holds ${count} entries; a Word document has a few dozen, and rijkspers opens none with more than ${MAX_ENTRIES}`);
    }
    let total = 0;
    let at = offset;
    for (let i = 0; i < count; i++) {
      if (r.u32(at) !== CENTRAL) this.fail('damaged-zip', `the zip's central directory is damaged at entry ${i + 1}; open the letter in Word and save it again`);
      const flags = r.u16(at + 8);
      const method = r.u16(at + 10);
      let compressedSize = r.u32(at + 20);
      let size = r.u32(at + 24);
      const nameLength = r.u16(at + 28);
      const extraLength = r.u16(at + 30);
      const commentLength = r.u16(at + 32);
      let localOffset = r.u32(at + 42);
      r.check(at + 46, nameLength + extraLength);
      const rawName = this.bytes.subarray(at + 46, at + 46 + nameLength);
      const name = new TextDecoder((flags & 0x800) !== 0 ? 'utf-8' : 'latin1').decode(rawName).replace(/\\/gu, '/');
      // Zip64: the sizes that do not fit 32 bits are in the extra field, in this order.
      for (let e = at + 46 + nameLength; e + 4 <= at + 46 + nameLength + extraLength;) {
        const id = r.u16(e);
        const length = r.u16(e + 2);
        if (id === 0x0001) {
          let f = e + 4;
          if (size === 0xffffffff) { size = r.u64(f); f += 8; }
          if (compressedSize === 0xffffffff) { compressedSize = r.u64(f); f += 8; }
          if (localOffset === 0xffffffff) { localOffset = r.u64(f); }
        }
        e += 4 + length;
      }
      at += 46 + nameLength + extraLength + commentLength;
      if (name.endsWith('/')) continue;
      if ((flags & 0x1) !== 0) this.fail('encrypted', `the zip entry ${name} is encrypted; rijkspers cannot read password-protected documents: remove the password in Word and save again`);
      if (method !== 0 && method !== 8) this.fail('unsupported-zip', `the zip entry ${name} is compressed with method ${method}; Word uses deflate: save the letter from Word again`);
      if (size > MAX_PART_BYTES) {
        this.fail('zip-bomb', `${name} would unpack to ${MiB(size)} (${MiB(compressedSize)} packed); rijkspers unpacks no part over ${MiB(MAX_PART_BYTES)}: the file looks like a zip bomb`);
      }
      if (size > RATIO_FLOOR && compressedSize * MAX_RATIO < size) {
        this.fail('zip-bomb', `${name} would unpack from ${MiB(compressedSize)} to ${MiB(size)}, more than ${MAX_RATIO} times its packed size: the file looks like a zip bomb`);
      }
      total += size;
      if (total > MAX_TOTAL_BYTES) {
        this.fail('zip-bomb', `the parts would unpack to more than ${MiB(MAX_TOTAL_BYTES)} together; a letter is a few MB: the file looks like a zip bomb`);
      }
      this.entries.set(name.toLowerCase(), { name, method, compressedSize, size, localOffset });
    }
  }

  /** Part names as stored (without directories). */
  names(): string[] {
    return [...this.entries.values()].map((e) => e.name);
  }

  /** Part names are case-insensitive in a package (OPC). */
  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  /** The unpacked bytes of a part, or undefined when the package has no such part. */
  read(name: string): Uint8Array | undefined {
    const key = name.toLowerCase();
    const cached = this.cache.get(key);
    if (cached) return cached;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const data = this.inflate(entry);
    this.cache.set(key, data);
    return data;
  }

  private inflate(entry: Entry): Uint8Array {
    const damaged = (why: string): never => this.fail('damaged-zip', `${entry.name} cannot be unpacked (${why}); open the letter in Word and save it again`);
    const r = new Reader(this.bytes, damaged);
    if (r.u32(entry.localOffset) !== LOCAL) damaged('its local header is missing');
    const start = entry.localOffset + 30 + r.u16(entry.localOffset + 26) + r.u16(entry.localOffset + 28);
    r.check(start, entry.compressedSize);
    const packed = this.bytes.subarray(start, start + entry.compressedSize);
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.size) damaged('its stored size does not match its declared size');
      return packed;
    }
    const out = new Uint8Array(entry.size);
    let length = 0;
    const inflater = new Inflate((chunk) => {
      // Never trust the declared size: stop the moment the part gives more than it said.
      if (length + chunk.length > entry.size) {
        this.fail('zip-bomb', `${entry.name} unpacks to more than the ${entry.size} bytes its zip entry declares: the file looks like a zip bomb`);
      }
      out.set(chunk, length);
      length += chunk.length;
    });
    const SLICE = 16 * 1024;
    try {
      for (let at = 0; at < packed.length; at += SLICE) inflater.push(packed.subarray(at, Math.min(packed.length, at + SLICE)), at + SLICE >= packed.length);
      if (packed.length === 0) inflater.push(new Uint8Array(0), true);
    } catch (err) {
      if (err instanceof InputError) throw err;
      damaged(`invalid compressed data: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (length !== entry.size) damaged(`it unpacks to ${length} bytes, not the ${entry.size} its zip entry declares`);
    return out;
  }
}
