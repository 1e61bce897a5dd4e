/**
 * Choose what to make — formats, languages, video aspects — and queue it.
 * Jobs run one at a time in the engine; their progress arrives as events.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client.js';
import { ErrorNote, formatDate, languageName, useLoad } from '../components/common.js';
import { useAppState } from '../state.js';
import { JobList, OutputList } from './JobList.js';
import { inLocale } from '../formats.js';

const ASPECTS = ['16:9', '9:16', '1:1'] as const;

export function Render({ projectId }: { projectId: string }) {
  const { t, i18n } = useTranslation();
  const { info, jobs } = useAppState();
  const material = useLoad(() => call('preview.material', { projectId }), [projectId]);
  const summary = useLoad(() => call('translations.summary', { projectId }), [projectId]);
  const history = useLoad(() => call('outputs.list', { projectId }), [projectId]);
  // A farm queue in the settings: the render may go to the department's workers instead (docs/render-farm.md).
  const settings = useLoad(() => call('settings.get', {}), []);
  const farmQueue = settings.data?.app.farm?.queue ?? null;
  const [onFarm, setOnFarm] = useState(false);
  const farm = onFarm && farmQueue !== null;
  const [formats, setFormats] = useState<Set<string>>(new Set());
  const [languages, setLanguages] = useState<Set<string>>(new Set());
  const [aspects, setAspects] = useState<Set<string>>(new Set());
  const [error, setError] = useState<unknown>(null);

  const source = (material.data?.material as { sourceLanguage?: string } | undefined)?.sourceLanguage ?? null;
  const mine = useMemo(() => jobs.filter((j) => j.projectId === projectId && j.purpose === 'render').reverse(), [jobs, projectId]);
  const doneCount = mine.filter((j) => j.status === 'done').length;
  const available = info?.formats ?? [];
  // Aspects are chosen for the formats played as video.
  const wantsAspects = available.some((f) => f.preview === 'player' && formats.has(f.name));

  const chosenAspects = wantsAspects ? [...aspects] : [];
  // The same render already queued or running: starting it again would only give that job back.
  const sameSet = (a: readonly string[], b: Iterable<string>) => {
    const x = new Set(a);
    const y = new Set(b);
    return x.size === y.size && [...x].every((v) => y.has(v));
  };
  const alreadyRunning = mine.some((j) => (j.status === 'queued' || j.status === 'running') && Boolean(j.farm) === farm
    && sameSet(j.formats, formats) && sameSet(j.languages, languages) && sameSet(j.aspects, chosenAspects));

  const toggle = (set: Set<string>, update: (s: Set<string>) => void, value: string) => {
    const next = new Set(set);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    update(next);
  };

  async function start() {
    setError(null);
    try {
      await call('render.start', {
        projectId,
        formats: [...formats],
        languages: [...languages],
        aspects: chosenAspects as (typeof ASPECTS)[number][],
        farm,
      });
    } catch (e) {
      setError(e);
    }
  }

  // Reload the history when a render finishes.
  const { reload: reloadHistory } = history;
  useEffect(() => {
    if (doneCount > 0) void reloadHistory();
  }, [doneCount, reloadHistory]);

  return (
    <section className="screen" aria-labelledby="render-title">
      <header className="screen-head"><h1 id="render-title">{t('render.title')}</h1></header>
      <div className="render-form">
        <fieldset>
          <legend>{t('render.formats')}</legend>
          {available.map((f) => (
            <label key={f.name} className={f.available ? '' : 'disabled'}>
              <input type="checkbox" disabled={!f.available} checked={formats.has(f.name)} onChange={() => toggle(formats, setFormats, f.name)} data-testid={`format-${f.name}`} />
              {inLocale(f.label, i18n.language)}{!f.available && <span className="muted small"> ({t('render.notYet')})</span>}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('render.languages')}</legend>
          {source && (
            <label>
              <input type="checkbox" checked={languages.has(source)} onChange={() => toggle(languages, setLanguages, source)} data-testid={`language-${source}`} />
              {languageName(source, info?.languages, i18n.language)} — {t('render.source')}
            </label>
          )}
          {(summary.data?.languages ?? []).map((c) => (
            <label key={c.language} className={c.percent < 100 ? 'disabled' : ''}>
              <input type="checkbox" disabled={c.percent < 100} checked={languages.has(c.language)} onChange={() => toggle(languages, setLanguages, c.language)} data-testid={`language-${c.language}`} />
              {languageName(c.language, info?.languages, i18n.language)} — {c.percent}%
              {c.percent < 100 && <span className="muted small"> ({t('render.incomplete')})</span>}
            </label>
          ))}
          <p className="muted small">{t('render.languagesHint')}</p>
        </fieldset>
        <fieldset disabled={!wantsAspects}>
          <legend>{t('render.aspects')}</legend>
          {ASPECTS.map((a) => (
            <label key={a}>
              <input type="checkbox" checked={aspects.has(a)} onChange={() => toggle(aspects, setAspects, a)} />
              {t(`render.aspect.${a.replace(':', 'x')}`)}
            </label>
          ))}
          <p className="muted small">{t('render.aspectsHint')}</p>
        </fieldset>
      </div>
      {farmQueue && (
        <label className="field inline farm-switch">
          <input type="checkbox" checked={onFarm} onChange={(e) => setOnFarm(e.target.checked)} data-testid="render-on-farm" />
          {t('farm.onFarm', { queue: farmQueue })}
          <span className="muted small">{t('farm.onFarmHint')}</span>
        </label>
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={formats.size === 0 || alreadyRunning} onClick={start} data-testid="start-render">{t('render.start')}</button>
        {alreadyRunning && <span className="muted small" data-testid="render-already-running">{t('renderJob.alreadyRunning')}</span>}
      </div>
      <ErrorNote error={error ?? material.error} />
      <h2>{t('render.queue')}</h2>
      <JobList jobs={mine} emptyText={t('render.noJobs')} />
      <h2>{t('render.history')}</h2>
      {(history.data?.renders ?? []).length === 0 && <p className="muted">{t('render.noHistory')}</p>}
      <ul className="history">
        {(history.data?.renders ?? []).map((r) => (
          <li key={r.id}>
            <p>
              <span className={`badge ${r.status}`}>{t(`render.status.${r.status}`, { defaultValue: r.status })}</span>{' '}
              {formatDate(r.startedAt, i18n.language)} · <code className="small">{r.outDir}</code>
            </p>
            {r.outputs.length > 0 && <OutputList outputs={r.outputs} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
