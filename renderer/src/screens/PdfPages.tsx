/**
 * A PDF output shown as its pages, drawn by pdf.js in the page (its worker is
 * served from our own files, never a CDN). What you see is the file the
 * format wrote, not an approximation of it.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { fileHref } from '../api/client.js';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

/** Pages are drawn this wide (CSS pixels), sharp on high-DPI screens. */
const PAGE_WIDTH = 380;

export function PdfPages({ url, title }: { url: string; title: string }) {
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let task: ReturnType<typeof pdfjs.getDocument> | null = null;
    const container = host.current!;
    container.replaceChildren();
    setPages(null);
    setFailed(false);
    (async () => {
      const response = await fetch(fileHref(url), { credentials: 'same-origin' });
      if (!response.ok) throw new Error(String(response.status));
      const data = new Uint8Array(await response.arrayBuffer());
      task = pdfjs.getDocument({ data });
      const doc = await task.promise;
      if (cancelled) return;
      setPages(doc.numPages);
      for (let n = 1; n <= doc.numPages && !cancelled; n++) {
        const page = await doc.getPage(n);
        const base = page.getViewport({ scale: 1 });
        const ratio = window.devicePixelRatio || 1;
        const viewport = page.getViewport({ scale: (PAGE_WIDTH / base.width) * ratio });
        const canvas = document.createElement('canvas');
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        canvas.style.width = `${PAGE_WIDTH}px`;
        canvas.setAttribute('role', 'img');
        canvas.setAttribute('aria-label', t('previews.pageOf', { page: n, pages: doc.numPages, title }));
        canvas.dataset['testid'] = 'pdf-page';
        const figure = document.createElement('figure');
        const caption = document.createElement('figcaption');
        caption.textContent = t('previews.page', { page: n });
        figure.append(canvas, caption);
        container.append(figure);
        await page.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport }).promise;
      }
    })().catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
      void task?.destroy();
    };
  }, [url, title, t]);

  return (
    <div>
      {pages !== null && <p className="muted small">{t('previews.pages', { count: pages })}</p>}
      {failed && <p className="error-text">{t('previews.pdfFailed')}</p>}
      <div ref={host} className="pdf-pages" data-testid="pdf-pages" />
    </div>
  );
}
