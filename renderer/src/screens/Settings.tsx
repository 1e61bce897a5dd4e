/**
 * The studio's settings (message language, browser, speech engine, output
 * folder, render farm: ./FarmSettings.tsx, storage: ./CacheSettings.tsx) and, with a project open, its brand kit as the print formats use it.
 */
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppSettings, BrandKit, PrintShopSettings } from '../../../engine/api/contract.js';
import { call, canChoosePaths, choosePath, type LocalPathKey } from '../api/client.js';
import { ErrorNote, errorText, useLoad } from '../components/common.js';
import { fileToBase64 } from '../components/files.js';
import { setUiLanguage } from '../i18n.js';
import { useAppState } from '../state.js';
import { CacheSettings } from './CacheSettings.js';
import { FarmSettings } from './FarmSettings.js';

const SPEECH_ENGINES = ['espeak-ng'] as const;

export function Settings({ projectId }: { projectId: string | null }) {
  const { t } = useTranslation();
  const { announce, info } = useAppState();
  const loaded = useLoad(() => call('settings.get', projectId ? { projectId } : {}), [projectId]);
  const [app, setApp] = useState<AppSettings | null>(null);
  const [brand, setBrand] = useState<BrandKit>({});
  const [printShop, setPrintShop] = useState<PrintShopSettings>({ cmykPdfX: false });
  const [error, setError] = useState<unknown>(null);
  const logoInput = useRef<HTMLInputElement>(null);

  async function pickLogo(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file || !projectId) return;
    setError(null);
    try {
      const saved = await call('settings.putLogo', { projectId, fileName: file.name, base64: await fileToBase64(file) });
      setBrand(saved.brand ?? {});
      announce(t('settingsFiles.logoSaved'));
    } catch (e) {
      setError(e);
      announce(errorText(e, t), 'error');
    }
  }

  useEffect(() => {
    if (!loaded.data) return;
    setApp(loaded.data.app);
    setBrand(loaded.data.brand ?? {});
    setPrintShop(loaded.data.printShop ?? { cmykPdfX: false });
  }, [loaded.data]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!app) return;
    setError(null);
    try {
      // Paths (browser, output folder, logo) are not sent: only the desktop app's own dialogs set them.
      const { logoPath: _logo, ...brandFields } = brand;
      const saved = await call('settings.put', {
        app: {
          locale: app.locale, speechEngine: app.speechEngine,
          // The farm's shared folder is not sent either (a local path); the engine checks the queue address.
          farm: { queue: app.farm?.queue?.trim() || null, ...(app.farm?.splitVideoSeconds ? { splitVideoSeconds: app.farm.splitVideoSeconds } : {}) },
        },
        ...(projectId ? { projectId, brand: brandFields, printShop } : {}),
      });
      setApp(saved.app);
      setBrand(saved.brand ?? {});
      setPrintShop(saved.printShop ?? { cmykPdfX: false });
      setUiLanguage(saved.app.locale);
      announce(t('settings.saved'));
    } catch (e) {
      setError(e);
    }
  }

  async function pick(key: LocalPathKey) {
    setError(null);
    try {
      const saved = await choosePath(key, projectId ?? undefined);
      if (!saved) return;
      setApp(saved.app);
      setBrand(saved.brand ?? {});
      announce(t('settings.saved'));
    } catch (e) {
      setError(e);
    }
  }

  if (!app) return <section className="screen"><h1>{t('settings.title')}</h1><ErrorNote error={loaded.error} /></section>;
  return (
    <section className="screen" aria-labelledby="settings-title">
      <header className="screen-head"><h1 id="settings-title">{t('settings.title')}</h1></header>
      <form className="settings" onSubmit={submit}>
        <fieldset>
          <legend>{t('settings.studio')}</legend>
          <label className="field">
            <span>{t('settings.locale')}</span>
            <select value={app.locale} onChange={(e) => setApp({ ...app, locale: e.target.value as 'vi' | 'en' })} data-testid="setting-locale">
              <option value="vi">Tiếng Việt</option>
              <option value="en">English</option>
            </select>
          </label>
          <label className="field">
            <span>{t('settings.chromium')}</span>
            <PathField value={app.chromiumPath} placeholder={t('settings.automatic')} onChoose={() => pick('chromiumPath')} />
            <small className="muted">{t('settings.chromiumHint')}</small>
          </label>
          <label className="field">
            <span>{t('settings.speechEngine')}</span>
            <select value={app.speechEngine} onChange={(e) => setApp({ ...app, speechEngine: e.target.value })}>
              {SPEECH_ENGINES.map((s) => <option key={s} value={s}>{t(`settings.engines.${s}`)}</option>)}
            </select>
          </label>
          <label className="field">
            <span>{t('settings.outputDir')}</span>
            <PathField value={app.outputDir} placeholder={t('settings.outputDirDefault')} onChoose={() => pick('outputDir')} />
          </label>
          <p className="muted small">{t('settings.library', { dir: info?.libraryDir ?? '' })}</p>
          {info && <p className="muted small" data-testid="app-version">{t('settings.version', { version: info.version })}</p>}
        </fieldset>
        <FarmSettings
          app={app} onChange={setApp}
          sharedField={<PathField value={app.farm?.sharedDir ?? null} placeholder={t('farm.sharedNone')} onChoose={() => pick('farmSharedDir')} />}
        />
        <CacheSettings />
        {projectId && (
          <fieldset>
            <legend>{t('settings.brand')}</legend>
            <label className="field">
              <span>{t('settings.issuerName')}</span>
              <input value={brand.issuerName ?? ''} onChange={(e) => setBrand({ ...brand, issuerName: e.target.value })} />
            </label>
            <div className="field">
              <span>{t('settingsFiles.logo')}</span>
              <p className="muted small" data-testid="logo-current">{brand.logoPath ? t('settingsFiles.logoCurrent', { file: brand.logoPath.split(/[\\/]/).pop() }) : t('settingsFiles.logoNone')}</p>
              <button type="button" onClick={() => logoInput.current?.click()} data-testid="choose-logo">{t('settingsFiles.chooseLogo')}</button>
              <input ref={logoInput} type="file" hidden accept=".png,.jpg,.jpeg,.svg,image/png,image/jpeg,image/svg+xml" onChange={(e) => void pickLogo(e)} aria-label={t('settingsFiles.chooseLogo')} data-testid="logo-input" />
            </div>
            <div className="colors">
              <label className="field">
                <span>{t('settings.primaryColor')}</span>
                <input type="color" value={brand.primaryColor ?? '#8e1b1b'} onChange={(e) => setBrand({ ...brand, primaryColor: e.target.value })} />
              </label>
              <label className="field">
                <span>{t('settings.accentColor')}</span>
                <input type="color" value={brand.accentColor ?? '#c99a2e'} onChange={(e) => setBrand({ ...brand, accentColor: e.target.value })} />
              </label>
            </div>
          </fieldset>
        )}
        {projectId && (
          <fieldset>
            <legend>{t('settings.printShop')}</legend>
            <label className="field inline">
              <input type="checkbox" checked={printShop.cmykPdfX} onChange={(e) => setPrintShop({ cmykPdfX: e.target.checked })} data-testid="cmyk-pdfx" aria-describedby="cmyk-pdfx-help" />
              <span>{t('settings.cmykPdfX')}</span>
            </label>
            <p id="cmyk-pdfx-help" className="muted small">{t('settings.cmykPdfXHelp')}</p>
          </fieldset>
        )}
        <ErrorNote error={error} />
        <button type="submit" className="primary" data-testid="save-settings">{t('settings.save')}</button>
      </form>
    </section>
  );
}

/** A program, folder or file setting: shown, and chosen only with the desktop app's file dialog (a page cannot name one). */
function PathField({ value, placeholder, onChoose }: { value: string | null; placeholder: string; onChoose: () => void }) {
  const { t } = useTranslation();
  return (
    <span className="path-field">
      <input value={value ?? ''} readOnly placeholder={placeholder} />
      {canChoosePaths()
        ? <button type="button" onClick={onChoose}>{t('localPaths.choose')}</button>
        : <small className="muted">{t('localPaths.desktopOnly')}</small>}
    </span>
  );
}
