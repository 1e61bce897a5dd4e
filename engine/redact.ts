/**
 * Masking secrets in text that leaves the process: logs, crash logs, error
 * messages, stored job records. Channels register the tokens they are given
 * with rememberSecret; anything shaped like a credential is masked too. Kept
 * outside publish/ because the crash log (engine-wide) uses it.
 */
import { StudioError } from './errors.js';

const MASK = '[redacted]';
const known = new Set<string>();

/** Masks `value` (and its spaceless form: WordPress prints application passwords in groups of four) from now on. */
export function rememberSecret(value: string): void {
  if (value.length < 4) return;
  known.add(value);
  const compact = value.replace(/\s+/g, '');
  if (compact.length >= 4) known.add(compact);
  known.add(encodeURIComponent(value));
}

const SHAPES: Array<[RegExp, (...m: string[]) => string]> = [
  // An Authorization header however it is printed; a bare "Bearer <long token>" anywhere.
  [/(authorization["']?\s*[:=]\s*["']?)(Basic|Bearer|OAuth|Token)\s+[^\s"',;]+/gi, (_m, head, scheme) => `${head}${scheme} ${MASK}`],
  [/\b(Bearer|OAuth)\s+[A-Za-z0-9._~+/=-]{16,}/g, (_m, scheme) => `${scheme} ${MASK}`],
  [/\b(access_token|refresh_token|upload_token|client_secret|password|app_secret|token|sig)=[^&\s"'<>]+/gi, (_m, name) => `${name}=${MASK}`],
  [/("(?:access_token|refresh_token|upload_token|token|password|application_password|applicationPassword|client_secret)"\s*:\s*")[^"]*"/gi, (_m, head) => `${head}${MASK}"`],
  [/(\/\/[^/\s:@]+:)[^@\s/]+@/g, (_m, head) => `${head}${MASK}@`],
];

/** Text safe for a log, an error message, a stored file or stdout. */
export function redact(text: string, extra: readonly string[] = []): string {
  let out = text;
  const secrets = [...known, ...extra.filter((s) => s.length >= 4)].sort((a, b) => b.length - a.length);
  for (const secret of secrets) out = out.split(secret).join(MASK);
  for (const [shape, replace] of SHAPES) out = out.replace(shape, replace as (...m: string[]) => string);
  return out;
}

/** An error's message (and its causes'), redacted, for logs and the queue. */
export function redactedMessage(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 4; depth++) {
    if (current instanceof StudioError) parts.push(`${current.code} ${JSON.stringify(current.params)}`);
    else if (current instanceof Error) parts.push(`${current.name}: ${current.message}`);
    else parts.push(String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return redact(parts.join(' <- '));
}
