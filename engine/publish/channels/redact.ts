/**
 * Tokens never reach a log or an error message. Everything an adapter puts
 * into an error (a platform's message, a URL) goes through the publish
 * module's `redact` (../secrets.ts): the secrets the adapter was given are
 * masked wherever they appear, and so is anything shaped like a credential
 * (a platform may echo a token, or an upload URL may carry a capability).
 */
import { redact } from '../secrets.js';

export { redact };

/** A platform's error text, redacted and cut to a readable length for the user. */
export function platformDetail(text: string, secrets: readonly string[]): string {
  const clean = redact(text, secrets).replace(/\s+/g, ' ').trim();
  return clean.length > 300 ? `${clean.slice(0, 297)}...` : clean;
}
