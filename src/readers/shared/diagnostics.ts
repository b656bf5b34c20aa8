/** Problems found in an input letter, always with the file and line they belong to. */

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Short stable code for tests and machines, e.g. `unterminated-footnote-ref`. */
  code: string;
  file: string;
  line: number;
  message: string;
}

/** `FILE:LINE: severity: message` — the form editors and CI logs recognise. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}: ${d.severity}: ${d.message}`;
}

/**
 * Thrown when a letter cannot be published at all. Carries a diagnostic instead of a stack trace:
 * the CLI prints `formatDiagnostic(error.diagnostic)` and exits 2.
 */
export class InputError extends Error {
  readonly diagnostic: Diagnostic;
  constructor(file: string, line: number, code: string, message: string) {
    super(`${file}:${line}: ${message}`);
    this.name = 'InputError';
    this.diagnostic = { severity: 'error', code, file, line, message };
  }
}

/** Collects warnings while parsing; errors are thrown as `InputError`. */
export class DiagnosticSink {
  readonly warnings: Diagnostic[] = [];
  /** What `line` counts in this file, for messages that name another place: a text line or a Word paragraph. */
  constructor(readonly file: string, readonly unit: 'line' | 'paragraph' = 'line') {}

  warn(line: number, code: string, message: string): void {
    this.warnings.push({ severity: 'warning', code, file: this.file, line, message });
  }

  fail(line: number, code: string, message: string): never {
    throw new InputError(this.file, line, code, message);
  }
}
