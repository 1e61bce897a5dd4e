/** Calendar days as the studio writes them: ISO (YYYY-MM-DD) in data, DD/MM/YYYY for Vietnamese readers. */

/** Today in the user's time zone, as YYYY-MM-DD: a law takes effect, and a register is dated, on a calendar day. */
export function localToday(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** 2026-01-31 (or an ISO date-time) → 31/01/2026, as dates are written in Vietnamese documents. */
export function dayMonthYear(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}
