/** Today in the user's time zone, as YYYY-MM-DD: a law takes effect, and a register is dated, on a calendar day. */
export function localToday(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
