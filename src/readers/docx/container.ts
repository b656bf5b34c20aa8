/**
 * What kind of file a `.docx` really is, from its first bytes: a zip package (a Word document),
 * an OLE compound file (a password-protected Word document, or an old binary `.doc`), or
 * something else. Only a zip goes on to be read.
 */
import CFB from 'cfb';
import { InputError } from '../shared/diagnostics.js';

const ZIP_SIGNATURES = [[0x50, 0x4b, 0x03, 0x04], [0x50, 0x4b, 0x05, 0x06]];
const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, sig: readonly number[]): boolean => sig.every((b, i) => bytes[i] === b);

/**
 * Word encrypts a document by wrapping the whole package in a compound file with the streams
 * `EncryptionInfo` and `EncryptedPackage` (ECMA-376 part 2 "Standard" and "Agile" alike).
 */
function compoundFileKind(bytes: Uint8Array): 'encrypted' | 'other' {
  try {
    const cfb = CFB.read(bytes, { type: 'buffer' });
    const names = new Set(cfb.FileIndex.map((e) => e.name));
    return names.has('EncryptionInfo') && names.has('EncryptedPackage') ? 'encrypted' : 'other';
  } catch {
    return 'other';
  }
}

/** Throws unless the bytes are a zip package. */
export function checkContainer(file: string, bytes: Uint8Array): void {
  if (bytes.length === 0) throw new InputError(file, 1, 'empty-file', 'the file is empty');
  if (ZIP_SIGNATURES.some((sig) => startsWith(bytes, sig))) return;
  if (startsWith(bytes, CFB_SIGNATURE)) {
    if (compoundFileKind(bytes) === 'encrypted') {
      throw new InputError(file, 1, 'encrypted',
        'the document is password-protected (encrypted); rijkspers cannot read it: remove the password in Word (File → Info → Protect Document) and save it again');
    }
    throw new InputError(file, 1, 'not-a-docx',
      'this is a Word 97–2003 document (.doc) or another OLE file, not a .docx; open it in Word and save it as "Word Document (.docx)"');
  }
  throw new InputError(file, 1, 'not-a-zip',
    'not a Word document: a .docx is a zip package and this file is not one (it does not start with the zip signature "PK"); save the letter from Word as "Word Document (.docx)"');
}
