/**
 * Makes text fit its box by shrinking type, within bounds, and says so when
 * it cannot: run in the page (Chromium for PDFs and PNGs, the UI preview's
 * iframe) after the fonts have loaded.
 *
 * Templates mark a box with data-fit="<name>" (optional data-fit-min and
 * data-fit-max, default 0.6 and 1) and size its type with
 * calc(var(--fit, 1) * …). Each box gets the largest scale at which nothing
 * overflows it; if even the smallest overflows, the box and the text units
 * (data-unit) sticking out of it are reported, so the caller can refuse to
 * print a clipped text.
 *
 * It is a string, not a function, so that it runs unchanged in any page:
 * a transpiled function can carry helpers the page does not have.
 */

export interface FitFailure {
  box: string;
  /** Text units (data-unit) that stick out of the box, longest first. */
  unitIds: string[];
}

export interface FitReport {
  /** Chosen scale per box. */
  scales: Record<string, number>;
  failures: FitFailure[];
}

export const FIT_SCRIPT = `(async () => {
  await document.fonts.ready;
  const overflows = (box) => {
    if (box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1) return true;
    for (const el of box.querySelectorAll('[data-fit-line]')) {
      if (el.scrollWidth > el.clientWidth + 1) return true;
    }
    return false;
  };
  const scales = {};
  const failures = [];
  for (const box of document.querySelectorAll('[data-fit]')) {
    const name = box.getAttribute('data-fit');
    const min = parseFloat(box.getAttribute('data-fit-min') || '0.6');
    const max = parseFloat(box.getAttribute('data-fit-max') || '1');
    const fits = (s) => { box.style.setProperty('--fit', String(s)); return !overflows(box); };
    let best = null;
    if (fits(max)) best = max;
    else if (fits(min)) {
      let lo = min, hi = max;
      for (let i = 0; i < 9; i++) { const mid = (lo + hi) / 2; if (fits(mid)) lo = mid; else hi = mid; }
      best = lo;
    }
    if (best === null) {
      fits(min);
      const edge = box.getBoundingClientRect();
      const units = [...box.querySelectorAll('[data-unit]')];
      const out = units.filter((u) => {
        const r = u.getBoundingClientRect();
        return r.bottom > edge.bottom + 1 || r.right > edge.right + 1 || u.scrollWidth > u.clientWidth + 1;
      });
      const named = (out.length ? out : units)
        .sort((a, b) => (b.textContent || '').length - (a.textContent || '').length)
        .map((u) => u.getAttribute('data-unit'));
      failures.push({ box: name, unitIds: [...new Set(named)] });
    } else {
      fits(best);
    }
    scales[name] = best === null ? min : best;
  }
  return { scales, failures };
})()`;
