/**
 * The settings' "Render farm" section (docs/render-farm.md): the queue
 * address and the split length are saved with the other settings (the engine
 * checks the address and says what is wrong); the shared folder is a local
 * path, chosen like the output folder with the desktop app's dialog only.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppSettings } from '../../../engine/api/contract.js';
import { call } from '../api/client.js';
import { ErrorNote } from '../components/common.js';

/** `sharedField`: the settings screen's own field for a local path (shown, chosen only with the desktop dialog). */
export function FarmSettings({ app, onChange, sharedField }: { app: AppSettings; onChange: (app: AppSettings) => void; sharedField: ReactNode }) {
  const { t } = useTranslation();
  const farm = app.farm ?? {};
  const [testing, setTesting] = useState(false);
  const [reachable, setReachable] = useState<{ address: string; workers: string[] } | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function test() {
    setTesting(true);
    setReachable(null);
    setError(null);
    try {
      setReachable(await call('farm.test', { queue: farm.queue ?? '' }));
    } catch (e) {
      setError(e);
    } finally {
      setTesting(false);
    }
  }

  return (
    <fieldset data-testid="farm-settings">
      <legend>{t('farm.title')}</legend>
      <p className="muted small">{t('farm.intro')}</p>
      <label className="field">
        <span>{t('farm.queue')}</span>
        <span className="path-field">
          <input
            value={farm.queue ?? ''} placeholder={t('farm.queueNone')} spellCheck={false} data-testid="farm-queue"
            onChange={(e) => { setReachable(null); setError(null); onChange({ ...app, farm: { ...farm, queue: e.target.value } }); }}
          />
          <button type="button" onClick={() => void test()} disabled={testing || !farm.queue?.trim()} data-testid="farm-test">
            {testing ? t('farm.testing') : t('farm.test')}
          </button>
        </span>
      </label>
      {reachable && (
        <div role="status">
          <p className="ok-text small" data-testid="farm-reachable">{t('farm.reachable', { address: reachable.address })}</p>
          <p className="small" data-testid="farm-workers">
            {reachable.workers.length > 0
              ? t('farm.workers', { count: reachable.workers.length, names: reachable.workers.join(', ') })
              : t('farm.noWorkers')}
          </p>
        </div>
      )}
      <ErrorNote error={error} />
      <label className="field">
        <span>{t('farm.sharedDir')}</span>
        {sharedField}
      </label>
      <label className="field">
        <span>{t('farm.splitVideo')}</span>
        <input
          type="number" min={8} max={36000} step={1} value={farm.splitVideoSeconds ?? ''} placeholder="120" data-testid="farm-split"
          onChange={(e) => {
            const { splitVideoSeconds: _old, ...rest } = farm;
            onChange({ ...app, farm: e.target.value === '' ? rest : { ...rest, splitVideoSeconds: Number(e.target.value) } });
          }}
        />
        <small className="muted">{t('farm.splitHint')}</small>
      </label>
    </fieldset>
  );
}
