/**
 * A picture's bytes as the model holds them: PNG or JPEG (what every writer can embed), its size
 * in pixels from the file's own header (image-size), and its size on the page as Word placed it.
 */
import { imageSize } from 'image-size';
import type { RichImage } from '../shared/letter/source-line.js';

const EMU_PER_POINT = 12700;

function mediaType(bytes: Uint8Array): 'image/png' | 'image/jpeg' | undefined {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return undefined;
}

/** The picture data, or the reason it cannot be published as a picture. */
export function imageData(bytes: Uint8Array, widthEmu?: number, heightEmu?: number): { data: NonNullable<RichImage['data']> } | { problem: string } {
  const type = mediaType(bytes);
  if (!type) return { problem: 'it is neither PNG nor JPEG' };
  let size: { width?: number; height?: number };
  try {
    size = imageSize(bytes);
  } catch (err) {
    return { problem: `its ${type === 'image/png' ? 'PNG' : 'JPEG'} data is damaged (${err instanceof Error ? err.message : String(err)})` };
  }
  if (!size.width || !size.height) return { problem: 'its size cannot be read' };
  return {
    data: {
      mediaType: type, bytes, width: size.width, height: size.height,
      ...(widthEmu && heightEmu ? { widthPt: Math.round((widthEmu / EMU_PER_POINT) * 100) / 100, heightPt: Math.round((heightEmu / EMU_PER_POINT) * 100) / 100 } : {}),
    },
  };
}
