/**
 * Problems found in a brief. The importer collects all of them; they are
 * rendered in the user's language only at the edge (CLI, UI) from a message
 * key and its parameters, so the same diagnostic reads in Vietnamese or English.
 */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** i18next key under `diag.` in engine/i18n/locales. */
  code: string;
  params?: Record<string, string | number>;
  /** 1-based; absent for problems with the file as a whole. */
  line?: number;
  col?: number;
}

/** More problems than this are summed up in one last diagnostic: a hostile brief cannot flood memory or the screen. */
export const MAX_DIAGNOSTICS = 200;
/** Names listed in one message (known speakers, documents, articles…); the rest are counted. */
export const MAX_NAMES_SHOWN = 12;

export class DiagnosticBag {
  private readonly kept: Diagnostic[] = [];
  private omitted = 0;
  private omittedErrors = 0;
  private firstOmitted: { line: number; col: number } | null = null;
  private errors = false;

  constructor(private readonly limit = MAX_DIAGNOSTICS) {}

  error(code: string, at: { line: number; col: number } | null, params?: Diagnostic['params']): void {
    this.push('error', code, at, params);
  }

  warning(code: string, at: { line: number; col: number } | null, params?: Diagnostic['params']): void {
    this.push('warning', code, at, params);
  }

  get hasErrors(): boolean {
    return this.errors;
  }

  /** True once no more diagnostics are kept: loops that only report may stop early. */
  get full(): boolean {
    return this.kept.length >= this.limit;
  }

  /** The kept diagnostics, then one `diag.tooMany` ("and N more problems") at the first one left out. */
  get items(): Diagnostic[] {
    if (this.omitted === 0) return this.kept;
    const summary: Diagnostic = {
      severity: this.omittedErrors > 0 ? 'error' : 'warning',
      code: 'tooMany',
      params: { count: this.omitted },
      line: this.firstOmitted?.line ?? 1,
      col: this.firstOmitted?.col ?? 1,
    };
    return [...this.kept, summary];
  }

  private push(severity: Severity, code: string, at: { line: number; col: number } | null, params?: Diagnostic['params']) {
    if (severity === 'error') this.errors = true;
    if (this.kept.length >= this.limit) {
      this.omitted++;
      if (severity === 'error') this.omittedErrors++;
      if (at && (!this.firstOmitted || at.line < this.firstOmitted.line)) this.firstOmitted = { line: at.line, col: at.col };
      return;
    }
    const d: Diagnostic = { severity, code };
    if (params) d.params = params;
    if (at) {
      d.line = at.line;
      d.col = at.col;
    }
    this.kept.push(d);
  }
}

/** "a, b, c" for a message; past MAX_NAMES_SHOWN, the first names and "… (+N)". */
export function nameList(names: readonly string[], separator = ', '): string {
  if (names.length <= MAX_NAMES_SHOWN) return names.join(separator);
  return `${names.slice(0, MAX_NAMES_SHOWN).join(separator)}${separator}… (+${names.length - MAX_NAMES_SHOWN})`;
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
}
