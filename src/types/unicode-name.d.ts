/** The part of `unicode-name` (no types of its own) that the error messages use. */
declare module 'unicode-name' {
  /** The Unicode name of a character (`SLIGHTLY SMILING FACE`), or undefined for an unnamed one. */
  export function unicodeName(char: string): string | undefined;
}
