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

export class DiagnosticBag {
  readonly items: Diagnostic[] = [];

  error(code: string, at: { line: number; col: number } | null, params?: Diagnostic['params']): void {
    this.push('error', code, at, params);
  }

  warning(code: string, at: { line: number; col: number } | null, params?: Diagnostic['params']): void {
    this.push('warning', code, at, params);
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }

  private push(severity: Severity, code: string, at: { line: number; col: number } | null, params?: Diagnostic['params']) {
    const d: Diagnostic = { severity, code };
    if (params) d.params = params;
    if (at) {
      d.line = at.line;
      d.col = at.col;
    }
    this.items.push(d);
  }
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
}
