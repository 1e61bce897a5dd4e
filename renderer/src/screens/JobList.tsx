/** The render queue: one row per job with its progress bar, cancel, and its files when done. */
import { useTranslation } from 'react-i18next';
import type { FarmUnitView, Job, OutputFile } from '../../../engine/api/contract.js';
import { call, canReveal, fileHref, openFile, revealFile } from '../api/client.js';
import { formatBytes, ProgressBar } from '../components/common.js';
import { formatName, variantName } from '../formats.js';
import { languageOnly, localizeJobLabel } from '../components/labels.js';
import { useAppState } from '../state.js';

export function JobList({ jobs, emptyText }: { jobs: Job[]; emptyText: string }) {
  const { t, i18n } = useTranslation();
  const { info } = useAppState();
  if (jobs.length === 0) return <p className="muted">{emptyText}</p>;
  return (
    <ol className="jobs" data-testid="jobs">
      {jobs.map((job) => (
        <li key={job.id} className={`job job-${job.status}`} data-testid="job" data-status={job.status}>
          <div className="job-head">
            <strong>{job.formats.map((f) => formatName(info?.formats, f, i18n.language)).join(', ')}</strong>
            <span className="muted">{job.languages.map((l) => languageOnly(l, info?.languages, i18n.language)).join(', ') || t('render.defaultLanguages')}</span>
            <span className={`badge ${job.status}`} data-testid="job-status">{t(`render.status.${job.status}`)}</span>
            {job.farm && <span className="badge farm" data-testid="job-farm">{t('farm.badge')}</span>}
            {(job.status === 'queued' || job.status === 'running') && (
              <button type="button" onClick={() => void call('render.cancel', { jobId: job.id })} data-testid="job-cancel">
                {t('render.cancel')}
              </button>
            )}
          </div>
          <ProgressBar value={job.fraction} label={t('render.progressOf', { formats: job.formats.map((f) => formatName(info?.formats, f, i18n.language)).join(', ') })} testId="job-progress" />
          {job.status === 'running' && job.label && !job.units?.length && <p className="muted small" data-testid="job-label">{localizeJobLabel(job.label, info?.formats, info?.languages, i18n.language)}</p>}
          {job.units && job.units.length > 0 && <FarmUnits units={job.units} />}
          {job.error && <p className="error-text">{job.error}</p>}
          {job.warnings.map((w, i) => <p key={i} className="warn-text small">{w}</p>)}
          {job.outputs.length > 0 && <OutputList outputs={job.outputs} />}
        </li>
      ))}
    </ol>
  );
}

/** A farm job's units: done of total, and each unit's state and the worker (`host:pid`) rendering it. */
function FarmUnits({ units }: { units: FarmUnitView[] }) {
  const { t, i18n } = useTranslation();
  const { info } = useAppState();
  const done = units.filter((u) => u.state === 'done').length;
  return (
    <div className="farm-units">
      <p className="small" data-testid="farm-units-done">{t('farm.units', { done, total: units.length })}</p>
      <ul>
        {units.map((u) => (
          <li key={u.key} className="small" data-testid="farm-unit" data-state={u.state}>
            {formatName(info?.formats, u.format, i18n.language)} · {languageOnly(u.language, info?.languages, i18n.language)}
            {u.aspect ? ` · ${u.aspect}` : ''} — <span className={`badge ${u.state === 'active' ? 'running' : u.state}`}>{t(`farm.unitState.${u.state}`)}</span>{' '}
            <span className="muted">{u.worker ? t('farm.worker', { worker: u.worker }) : u.state === 'waiting' ? t('farm.noWorker') : ''}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function OutputList({ outputs }: { outputs: OutputFile[] }) {
  const { t, i18n } = useTranslation();
  const { info } = useAppState();
  return (
    <ul className="outputs" data-testid="outputs">
      {outputs.map((o) => (
        <li key={o.url}>
          <a href={fileHref(o.url)} target="_blank" rel="noopener" onClick={(e) => { e.preventDefault(); void openFile(o.url); }} data-testid="output-link">
            {o.path}
          </a>{' '}
          <span className="muted small">
            {formatName(info?.formats, o.format, i18n.language)} · {languageOnly(o.language, info?.languages, i18n.language)} · {variantName(info?.formats, o.format, o.variant, i18n.language)} · {formatBytes(o.bytes, i18n.language)}
            {o.pages ? ` · ${t('render.pages', { count: o.pages })}` : ''}
          </span>
          {canReveal() && (
            <button type="button" className="link" onClick={() => void revealFile(o.url)}>{t('render.showInFolder')}</button>
          )}
        </li>
      ))}
    </ul>
  );
}
