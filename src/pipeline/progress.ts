/**
 * What the pipeline tells a progress display while it works. Events come from the main thread only
 * (a worker thread cannot call back): a letter is started when it is handed to a renderer, rendered
 * when its files come back, and each output is checked in turn. They are small plain objects and
 * cost nothing when nobody listens.
 */
import type { OutputFormat } from '../check/types.js';

export type ProgressEvent =
  /** A build or check run begins: `total` letters or files. */
  | { type: 'start'; command: 'build' | 'check'; total: number }
  /** Letter `index` (0-based, input order) is handed to a renderer. */
  | { type: 'letter-start'; index: number; total: number; input: string }
  /** Its files are rendered in memory. */
  | { type: 'letter-rendered'; index: number; total: number; input: string; formats: OutputFormat[] }
  /** One output's (or, for `check`, one file's) check begins. */
  | { type: 'check-start'; index: number; total: number; input: string; format: OutputFormat; file: string }
  | { type: 'check-done'; index: number; total: number; input: string; format: OutputFormat; file: string; passed: boolean }
  /** The letter's files are in place (or it failed); `status` as in the report. */
  | { type: 'letter-done'; index: number; total: number; input: string; status: string }
  /** The publication report (index.html) is being written. */
  | { type: 'index'; file: string };

export type OnProgress = (event: ProgressEvent) => void;
