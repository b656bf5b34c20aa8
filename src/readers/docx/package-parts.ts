/**
 * The Open Packaging Conventions around the document: which part is the main document (the
 * package relationships), what content type each part has ([Content_Types].xml), and where a
 * part's relationships point. Macro-enabled documents are refused here.
 */
import { posix } from 'node:path';
import { InputError } from '../shared/diagnostics.js';
import { children, parseXml, type XmlElement } from './xml.js';
import type { ZipPackage } from './zip-package.js';

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
const REL_STRICT = 'http://purl.oclc.org/ooxml/officeDocument/relationships/';

export interface Relationship {
  id: string;
  /** The last segment of the type URI: `officeDocument`, `header`, `image`, `hyperlink` … */
  type: string;
  target: string;
  external: boolean;
}

const MAIN_TYPES: Record<string, 'document' | 'macro'> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml': 'document',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml': 'document',
  'application/vnd.ms-word.document.macroEnabled.main+xml': 'macro',
  'application/vnd.ms-word.template.macroEnabledTemplate.main+xml': 'macro',
};

const MACRO_REFUSAL = 'rijkspers does not open documents with macros: save the letter in Word as "Word Document (.docx)"';

/** A Word package: its parts, their content types and relationships, parsed on demand. */
export class WordPackage {
  private readonly xml = new Map<string, XmlElement>();
  private readonly overrides = new Map<string, string>();
  private readonly defaults = new Map<string, string>();
  /** The main document part, e.g. `word/document.xml`. */
  readonly main: string;

  constructor(readonly file: string, readonly zip: ZipPackage) {
    const types = this.part('[Content_Types].xml');
    if (!types) {
      throw new InputError(file, 1, 'not-a-docx', 'the zip has no [Content_Types].xml, so it is no Office document; save the letter from Word as "Word Document (.docx)"');
    }
    for (const o of children(types, 'ct:Override')) this.overrides.set((o.attrs.PartName ?? '').replace(/^\//u, '').toLowerCase(), o.attrs.ContentType ?? '');
    for (const d of children(types, 'ct:Default')) this.defaults.set((d.attrs.Extension ?? '').toLowerCase(), d.attrs.ContentType ?? '');

    const office = this.relationships('').find((r) => r.type === 'officeDocument' && !r.external);
    this.main = office ? office.target : 'word/document.xml';
    const kind = MAIN_TYPES[this.contentType(this.main) ?? ''];
    if (kind === 'macro' || this.zip.names().some((n) => this.contentType(n) === 'application/vnd.ms-office.vbaProject')) {
      throw new InputError(file, 1, 'macro-enabled', `the document is macro-enabled (it holds a VBA project); ${MACRO_REFUSAL}`);
    }
    if (!this.zip.has(this.main)) {
      throw new InputError(file, 1, 'no-main-document',
        `the package names ${this.main} as its main document, but the zip does not contain it: the file is damaged or not a Word document`);
    }
    if (kind === undefined) {
      const type = this.contentType(this.main) ?? 'no content type';
      throw new InputError(file, 1, 'not-a-docx', `the main part ${this.main} is not a Word document (${type}); rijkspers reads Word documents (.docx)`);
    }
  }

  contentType(part: string): string | undefined {
    const name = part.replace(/^\//u, '').toLowerCase();
    return this.overrides.get(name) ?? this.defaults.get(posix.extname(name).slice(1));
  }

  has(part: string): boolean {
    return this.zip.has(part);
  }

  bytes(part: string): Uint8Array | undefined {
    return this.zip.read(part);
  }

  /** A part as an element tree (parsed once), or undefined when the package does not have it. */
  part(name: string): XmlElement | undefined {
    const key = name.toLowerCase();
    const cached = this.xml.get(key);
    if (cached) return cached;
    const bytes = this.zip.read(name);
    if (!bytes) return undefined;
    const tree = parseXml(this.file, name, bytes);
    this.xml.set(key, tree);
    return tree;
  }

  /** The relationships of a part (`''` for the package's own), targets resolved to part names. */
  relationships(part: string): Relationship[] {
    const dir = posix.dirname(part);
    const relsName = part === '' ? '_rels/.rels' : posix.join(dir, '_rels', `${posix.basename(part)}.rels`);
    const rels = this.part(relsName);
    return children(rels, 'rel:Relationship').map((r) => {
      const type = r.attrs.Type ?? '';
      const external = r.attrs.TargetMode === 'External';
      const raw = r.attrs.Target ?? '';
      const target = external ? raw
        : raw.startsWith('/') ? raw.slice(1)
          : posix.normalize(posix.join(part === '' ? '' : dir, safeDecode(raw)));
      return { id: r.attrs.Id ?? '', type: type.replace(REL, '').replace(REL_STRICT, '').replace(/^.*\//u, ''), target, external };
    });
  }
}

/** Targets are URIs (`media/image%201.png`); a malformed escape is kept as written. */
function safeDecode(uri: string): string {
  try {
    return decodeURI(uri);
  } catch {
    return uri;
  }
}

/** `.docm` and `.dotm` are macro-enabled by name: refused before the file is opened. */
export function refuseMacroExtension(file: string): void {
  if (/\.(?:docm|dotm)$/iu.test(file)) {
    throw new InputError(file, 1, 'macro-enabled', `a macro-enabled Word document (${posix.extname(file)}); ${MACRO_REFUSAL}`);
  }
}
