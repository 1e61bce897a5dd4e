/** Small pieces every screen uses: loading data, showing errors, progress bars, files. */
import { downloadBlob } from './files.js';
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiCallError } from '../api/client.js';
export { formatBytes } from '../../../engine/i18n/bytes.js';

/** An error's text for people: the engine's own translated message, else a generic one. */
export function errorText(error: unknown, t: TFunction): string {
  if (error instanceof ApiCallError) {
    if (error.code === 'api.offline') return t('errors.offline');
    return error.message || t('errors.generic');
  }
  return t('errors.generic');
}

export function ErrorNote({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return <p className="error-note" role="alert">{errorText(error, t)}</p>;
}

export function useLoad<T>(load: () => Promise<T>, deps: DependencyList) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);
  const reload = useCallback(async () => {
    const ticket = ++latest.current;
    setLoading(true);
    try {
      const value = await run();
      if (ticket === latest.current) {
        setData(value);
        setError(null);
      }
    } catch (e) {
      if (ticket === latest.current) setError(e);
    } finally {
      if (ticket === latest.current) setLoading(false);
    }
  }, [run]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, setData, error, loading, reload };
}

export function ProgressBar({ value, label, testId }: { value: number; label: string; testId?: string }) {
  const percent = Math.round(Math.max(0, Math.min(1, value)) * 100);
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} data-testid={testId}>
      <div className="progress-fill" style={{ width: `${percent}%` }} />
      <span className="progress-text">{percent}%</span>
    </div>
  );
}

/** Saves text the engine produced (an XLIFF export) through the browser's download. */
export function downloadText(fileName: string, content: string, type = 'application/octet-stream'): void {
  downloadBlob(fileName, new Blob([content], { type }));
}

export function formatDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** The name of a language in the UI's language, from the engine's list. */
export function languageName(code: string, languages: { code: string; nameVi: string; nameEn: string }[] | undefined, locale: string): string {
  const info = languages?.find((l) => l.code === code);
  if (!info) return code;
  return `${locale === 'en' ? info.nameEn : info.nameVi} (${code})`;
}
