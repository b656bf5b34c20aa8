/**
 * Which PDF standards our letter claims, and what claiming PDF/A on top of PDF/UA-1 takes.
 *
 * pdfkit 0.20.2 does one `subset`: PDF/UA (pdfuaid, tagging) or PDF/A (pdfaid, sRGB output
 * intent), never both. We keep its PDF/UA subset (so pdfuaid and its tagging stay as they are) and
 * add the PDF/A parts ourselves when pdfkit finishes its subset: the sRGB output intent with the
 * ICC profile pdfkit bundles (sRGB IEC61966-2.1, ICC v2 monitor class, distributed with pdfkit
 * under its MIT licence), `pdfaid:part`/`conformance`, and the PDF/A extension schema that
 * describes `pdfuaid:part` (PDF/A-2 accepts only predefined or described XMP properties, and
 * pdfuaid is not predefined). Everything else PDF/A-2 level A asks for — embedded fonts with
 * ToUnicode, tagging, /Lang, file identifiers, links with the print flag, no encryption,
 * JavaScript or transparency — our PDF already does.
 *
 * PDF/A-3a also attaches the letter's source text as an associated file of the document
 * (`/AF`, `AFRelationship /Source`) with a description, as PDF/UA-1 7.11 and PDF/A-3 expect.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PdfKitDoc } from './pdfkit-doc.js';

/** `ua1`: PDF/UA-1 only; `a2a-ua1` (default): PDF/A-2a and PDF/UA-1; `a3a-ua1`: PDF/A-3a with the source attached, and PDF/UA-1. */
export type PdfStandard = 'ua1' | 'a2a-ua1' | 'a3a-ua1';

export const PDF_STANDARDS: readonly PdfStandard[] = ['ua1', 'a2a-ua1', 'a3a-ua1'];
export const DEFAULT_PDF_STANDARD: PdfStandard = 'a2a-ua1';

/** The letter's source, for PDF/A-3a. */
export interface PdfSourceFile {
  /** File name as readers will see it (`brief.txt`). */
  name: string;
  bytes: Uint8Array;
  /** What the file is, for the file specification's /Desc (PDF/UA-1 asks for one). */
  description: string;
}

const require = createRequire(import.meta.url);
let srgb: Uint8Array | undefined;

/** pdfkit's bundled sRGB IEC61966-2.1 profile. */
function srgbProfile(): Uint8Array {
  srgb ??= readFileSync(join(dirname(require.resolve('pdfkit')), 'data', 'sRGB_IEC61966_2_1.icc'));
  return srgb;
}

/** The PDF/A extension schema describing pdfuaid:part (ISO 19005-2, 6.6.2.3; ISO 14289-1, 5). */
const PDFUA_EXTENSION_SCHEMA = `
        <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
            <pdfaExtension:schemas>
                <rdf:Bag>
                    <rdf:li rdf:parseType="Resource">
                        <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
                        <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
                        <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
                        <pdfaSchema:property>
                            <rdf:Seq>
                                <rdf:li rdf:parseType="Resource">
                                    <pdfaProperty:name>part</pdfaProperty:name>
                                    <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
                                    <pdfaProperty:category>internal</pdfaProperty:category>
                                    <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
                                </rdf:li>
                            </rdf:Seq>
                        </pdfaSchema:property>
                    </rdf:li>
                </rdf:Bag>
            </pdfaExtension:schemas>
        </rdf:Description>`;

function addOutputIntent(doc: PdfKitDoc): void {
  const profile = doc.ref({ N: 3 });
  profile.write(srgbProfile());
  profile.end();
  const intent = doc.ref({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    // pdfkit writes a JavaScript String object as a PDF string, a plain string as a name.
    Info: new String('sRGB IEC61966-2.1'),
    OutputConditionIdentifier: new String('sRGB IEC61966-2.1'),
    DestOutputProfile: profile,
  });
  intent.end();
  doc._root.data.OutputIntents = [intent];
}

/**
 * Makes `doc` (created with pdfkit's PDF/UA subset) claim `standard` too. For `a3a-ua1` the
 * source is attached now; output intent and XMP are added when pdfkit ends its subset.
 */
export function installPdfStandard(doc: PdfKitDoc, standard: PdfStandard, source: PdfSourceFile | undefined, modified: Date): void {
  if (standard === 'ua1') return;
  const part = standard === 'a3a-ua1' ? 3 : 2;
  if (part === 3) {
    if (!source) throw new Error('PDF/A-3a needs the letter\'s source file to attach (RenderInput.options.source)');
    doc.file(source.bytes, {
      name: source.name,
      description: source.description,
      relationship: 'Source',
      type: 'text/plain',
      creationDate: modified,
      modifiedDate: modified,
    });
  }
  const endUaSubset = doc.endSubset.bind(doc);
  doc.endSubset = (): void => {
    endUaSubset();
    addOutputIntent(doc);
    doc.appendXML(`
        <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
            <pdfaid:part>${part}</pdfaid:part>
            <pdfaid:conformance>A</pdfaid:conformance>
        </rdf:Description>${PDFUA_EXTENSION_SCHEMA}`);
  };
}
