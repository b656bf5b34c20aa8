/**
 * Heading levels as every format publishes them: the subject is level 1, and a heading may go
 * down to any level but up only one at a time, within 2…6. The parser already closes gaps; the
 * renderers do not rely on that, and HTML, EPUB and the PDF tags must agree.
 */
export class HeadingLevels {
  constructor(private previous: number) {}

  /** The level a heading that wants `wanted` gets here; it becomes the new previous level. */
  next(wanted: number): number {
    const level = Math.min(6, Math.max(2, Math.min(wanted, this.previous + 1)));
    this.previous = level;
    return level;
  }
}
