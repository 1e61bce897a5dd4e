/**
 * Draws each balloon's tail once the page is laid out and fitted: from the
 * balloon's bottom edge (where the browser put it, at the fitted type size)
 * towards its speaker's head (the panel's data-heads, from ./layout.ts).
 * A string, like templates/print/fitScript.ts, so it runs unchanged in any page.
 */
export const TAILS_SCRIPT = `(() => {
  let drawn = 0;
  for (const panel of document.querySelectorAll('.comic-panel')) {
    const heads = JSON.parse(panel.getAttribute('data-heads') || '{}');
    const svg = panel.querySelector('svg.comic-tails');
    if (!svg) continue;
    const p = panel.getBoundingClientRect();
    const sx = p.width / panel.offsetWidth || 1;
    let out = '';
    for (const b of panel.querySelectorAll('.comic-balloon[data-speaker]')) {
      const head = heads[b.getAttribute('data-speaker')];
      if (!head) continue;
      const r = b.getBoundingClientRect();
      const left = (r.left - p.left) / sx, right = (r.right - p.left) / sx, bottom = (r.bottom - p.top) / sx;
      const em = parseFloat(getComputedStyle(b).fontSize) || 12;
      const half = Math.max(5, Math.min(0.75 * em, (right - left) / 7));
      const baseX = Math.max(left + half + 12, Math.min(right - half - 12, head[0]));
      // Point towards the head, stopping short of it; never shorter than a stub.
      const dy = head[1] - bottom;
      const reach = Math.max(1.2 * em, dy - Math.min(0.25 * dy, 1.6 * em));
      const k = dy > 0 ? reach / dy : 1;
      const tipX = baseX + (head[0] - baseX) * Math.min(1, k);
      const tipY = bottom + reach;
      const w = Math.max(1.5, half / 4.5);
      out += '<polygon points="' + (baseX - half) + ',' + (bottom - w * 2.2) + ' ' + tipX + ',' + tipY + ' ' + (baseX + half) + ',' + (bottom - w * 2.2) + '" fill="#ffffff"/>';
      out += '<polyline points="' + (baseX - half) + ',' + (bottom - w / 2) + ' ' + tipX + ',' + tipY + ' ' + (baseX + half) + ',' + (bottom - w / 2) + '" fill="none" stroke="#1b1b1b" stroke-width="' + w + '" stroke-linejoin="round"/>';
      drawn++;
    }
    svg.innerHTML = out;
  }
  return drawn;
})()`;
