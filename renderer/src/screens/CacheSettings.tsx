/**
 * The settings' "Storage on this PC" section: what the studio keeps to make
 * the next build faster (the video's pictures, machine speech) with its size,
 * and a button to get the space back (engine/app/caches.ts). A commune PC
 * with a small disk needs to see where its gigabytes went; clearing costs
 * only time, which each row's hint says.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../engine/api/contract.js';
import { call } from '../api/client.js';
import { ErrorNote, errorText, formatBytes, useLoad } from '../components/common.js';
import { inLocale } from '../formats.js';
import { useAppState } from '../state.js';

type Report = OutputOf<'cache.usage'>;

export function CacheSettings() {
  const { t, i18n } = useTranslation();
  const { announce, confirm } = useAppState();
  const loaded = useLoad(() => call('cache.usage', {}), []);
  const [clearing, setClearing] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const report: Report | null = loaded.data;
  const size = (bytes: number) => formatBytes(bytes, i18n.language);

  async function clear(ids: string[]) {
    const named = report?.caches.filter((c) => ids.length === 0 || ids.includes(c.id)) ?? [];
    const ok = await confirm({
      title: ids.length === 0 ? t('storage.confirmAllTitle') : t('storage.confirmTitle', { name: inLocale(named[0]!.label, i18n.language) }),
      message: [...named.filter((c) => c.bytes > 0).map((c) => inLocale(c.hint, i18n.language)), t('storage.confirmSafe')].join(' '),
      ok: t('storage.clear'),
      cancel: t('storage.keep'),
    });
    if (!ok) return;
    setClearing(ids.join(',') || 'all');
    setError(null);
    try {
      const { freedBytes, ...after } = await call('cache.clear', { ids });
      loaded.setData(after);
      announce(t('storage.cleared', { size: size(freedBytes) }));
    } catch (e) {
      setError(e);
      announce(errorText(e, t), 'error');
      void loaded.reload();
    } finally {
      setClearing(null);
    }
  }

  const total = report?.caches.reduce((sum, c) => sum + c.bytes, 0) ?? 0;
  const blocked = !report || report.runningBuilds > 0 || clearing !== null;
  return (
    <fieldset data-testid="storage-settings">
      <legend>{t('storage.title')}</legend>
      <p className="muted small">{t('storage.intro')}</p>
      <ErrorNote error={loaded.error ?? error} />
      {report && (
        <>
          <table className="storage-table">
            <tbody>
              {report.caches.map((c) => (
                <tr key={c.id} data-testid={`storage-${c.id}`}>
                  <td>
                    <strong>{inLocale(c.label, i18n.language)}</strong>
                    <br />
                    <small className="muted">{inLocale(c.hint, i18n.language)}</small>
                  </td>
                  <td className="number" data-testid="storage-size">{size(c.bytes)}</td>
                  <td>
                    <button type="button" disabled={blocked || c.bytes === 0} onClick={() => void clear([c.id])} data-testid="storage-clear">
                      {clearing === c.id ? t('storage.clearing') : t('storage.clear')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="small" data-testid="storage-total">{t('storage.total', { size: size(total) })}</p>
          {report.runningBuilds > 0 && <p className="small" role="status" data-testid="storage-busy">{t('storage.busy', { count: report.runningBuilds })}</p>}
          <p className="path-field">
            <button type="button" disabled={blocked || total === 0} onClick={() => void clear([])} data-testid="storage-clear-all">
              {clearing === 'all' ? t('storage.clearing') : t('storage.clearAll')}
            </button>
            <button type="button" onClick={() => void loaded.reload()} disabled={clearing !== null} data-testid="storage-refresh">{t('storage.refresh')}</button>
          </p>
          <p className="muted small">{t('storage.folder', { folder: report.folder })}</p>
        </>
      )}
    </fieldset>
  );
}
