/**
 * The publisher's screen: what exactly is approved (the build's files and
 * their hashes, who and in what role, what changed since the last approval),
 * publishing per channel with the resumable queue in view while it runs, the
 * publication history from the audit log, and the period report to download.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InputOf, OutputOf } from '../../../engine/api/contract.js';
import { call } from '../api/client.js';
import { ErrorNote, errorText, formatBytes, formatDate, useLoad } from '../components/common.js';
import { downloadBase64 } from '../components/files.js';
import { languageOnly } from '../components/labels.js';
import { formatName, inLocale, variantName } from '../formats.js';
import { useAppState } from '../state.js';

type Overview = OutputOf<'publish.overview'>;
type Approval = Overview['approvals'][number];
type BuildFiles = NonNullable<Overview['build']>['files'];
type Channels = InputOf<'publish.start'>['channels'];
const POLL_MS = 1000;
const MEDIA: Record<string, string> = {
  csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf: 'application/pdf',
};

/** What differs between the approved files and the build now. */
export function changesSince(approval: Approval | null, files: BuildFiles): { added: string[]; changed: string[]; removed: string[] } {
  const before = new Map((approval?.outputs ?? []).map((o) => [o.path, o.sha256]));
  const now = new Map(files.map((f) => [f.path, f.sha256]));
  return {
    added: files.filter((f) => !before.has(f.path)).map((f) => f.path),
    changed: files.filter((f) => before.has(f.path) && before.get(f.path) !== f.sha256).map((f) => f.path),
    removed: [...before.keys()].filter((p) => !now.has(p)),
  };
}

const today = () => new Date().toISOString().slice(0, 10);
const monthStart = () => `${today().slice(0, 8)}01`;

export function Publish({ projectId }: { projectId: string }) {
  const { t, i18n } = useTranslation();
  const { info, announce } = useAppState();
  const overview = useLoad(() => call('publish.overview', { projectId }), [projectId]);
  const status = useLoad(() => call('publish.status', { projectId }), [projectId]);
  const [by, setBy] = useState('');
  const [role, setRole] = useState('');
  const [channels, setChannels] = useState<Set<string>>(new Set());
  const [publishing, setPublishing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [from, setFrom] = useState(monthStart);
  const [to, setTo] = useState(today);
  const [forms, setForms] = useState<Set<'csv' | 'xlsx' | 'pdf'>>(new Set(['csv', 'xlsx', 'pdf']));
  const [report, setReport] = useState<{ materials: number; produced: number; published: number; files: string[] } | null>(null);

  const build = overview.data?.build ?? null;
  const approvals = overview.data?.approvals ?? [];
  const latest = approvals.at(-1) ?? null;
  const previous = approvals.at(-2) ?? null;
  const files = build?.files ?? [];
  const pendingChanges = useMemo(() => changesSince(latest, files), [latest, files]);
  const buildApproved = latest !== null && pendingChanges.added.length + pendingChanges.changed.length + pendingChanges.removed.length === 0 && files.length > 0;
  const lastChanges = useMemo(() => (latest ? changesSince(previous, latest.outputs.map((o) => ({ ...o, format: '', language: '', variant: '', bytes: 0 }))) : null), [latest, previous]);

  // While publishing, the queue is read every second: each job's state, attempts and retries.
  const { reload: reloadStatus } = status;
  useEffect(() => {
    if (!publishing) return;
    const timer = setInterval(() => void reloadStatus(), POLL_MS);
    return () => clearInterval(timer);
  }, [publishing, reloadStatus]);

  const name = (f: { format: string; variant: string; language: string }) =>
    `${formatName(info?.formats, f.format, i18n.language)} · ${variantName(info?.formats, f.format, f.variant, i18n.language)} · ${languageOnly(f.language, info?.languages, i18n.language)}`;

  async function approve(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const approval = await call('publish.approve', { projectId, by: by.trim(), role: role.trim() });
      announce(t('publishing.approved', { files: approval.files, by: approval.by }));
      await Promise.all([overview.reload(), status.reload()]);
    } catch (e) {
      setError(e);
      announce(errorText(e, t), 'error');
    } finally {
      setBusy(false);
    }
  }

  async function publish() {
    setPublishing(true);
    setError(null);
    try {
      const outcome = await call('publish.start', { projectId, channels: [...channels] as Channels });
      const failed = outcome.jobs.filter((j) => j.status === 'failed').length;
      announce(failed ? t('publishing.doneWithFailures', { count: failed }) : t('publishing.done', { count: outcome.jobs.length }), failed ? 'error' : 'ok');
    } catch (e) {
      setError(e);
      announce(errorText(e, t), 'error');
    } finally {
      setPublishing(false);
      await Promise.all([overview.reload(), status.reload()]);
    }
  }

  async function makeReport(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await call('publish.reportFiles', { from, to, forms: [...forms] });
      for (const f of result.files) downloadBase64(f.fileName, f.base64, MEDIA[f.fileName.split('.').pop() ?? ''] ?? 'application/octet-stream');
      setReport({ materials: result.materials, produced: result.produced, published: result.published, files: result.files.map((f) => f.fileName) });
      announce(t('publishing.reportReady', { count: result.files.length }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const jobs = status.data?.jobs ?? [];
  const events = overview.data?.events ?? [];
  // One history, newest first: approvals and publish events as the audit log recorded them.
  const history = [
    ...approvals.map((entry, order) => ({ kind: 'approval' as const, at: entry.at, order, entry })),
    ...events.map((entry, order) => ({ kind: 'event' as const, at: entry.at, order: approvals.length + order, entry })),
  ].sort((a, b) => (a.at === b.at ? b.order - a.order : a.at < b.at ? 1 : -1));
  return (
    <section className="screen publish-screen" aria-labelledby="publish-title">
      <header className="screen-head"><h1 id="publish-title">{t('publishing.title')}</h1></header>
      <ErrorNote error={error ?? overview.error} />

      <h2>{t('publishing.buildTitle')}</h2>
      {!build ? <p className="muted" data-testid="no-build">{t('publishing.noBuild')}</p> : (
        <>
          <p className="muted small">{t('publishing.buildHint', { count: files.length })}</p>
          <table className="files" data-testid="build-files">
            <thead><tr><th>{t('publishing.file')}</th><th>{t('publishing.what')}</th><th>{t('publishing.size')}</th><th>{t('publishing.hash')}</th><th>{t('publishing.sinceApproval')}</th></tr></thead>
            <tbody>
              {files.map((f) => {
                const state = pendingChanges.added.includes(f.path) ? 'added' : pendingChanges.changed.includes(f.path) ? 'changed' : 'same';
                return (
                  <tr key={f.path} data-testid="build-file" data-state={state}>
                    <td><code>{f.path}</code></td>
                    <td>{name(f)}</td>
                    <td>{formatBytes(f.bytes, i18n.language)}</td>
                    <td><code className="hash" title={f.sha256}>{f.sha256.slice(0, 12)}…</code></td>
                    <td className={state === 'same' ? 'ok-text' : 'warn-text'}>{t(`publishing.state.${state}`)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {pendingChanges.removed.length > 0 && <p className="warn-text small">{t('publishing.removed', { files: pendingChanges.removed.join(', ') })}</p>}
        </>
      )}

      <h2>{t('publishing.approvalTitle')}</h2>
      {latest ? (
        <div className="panel" data-testid="approval">
          <p>
            {t('publishing.approvedBy', { by: latest.by, role: latest.role, date: formatDate(latest.at, i18n.language), files: latest.files })}
            {' '}<code className="hash" title={latest.outputsHash}>{latest.outputsHash.slice(0, 12)}…</code>
          </p>
          <p className={buildApproved ? 'ok-text' : 'warn-text'} data-testid="approval-state">{buildApproved ? t('publishing.buildIsApproved') : t('publishing.buildNotApproved')}</p>
          {lastChanges && previous && (
            <p className="muted small" data-testid="approval-changes">
              {t('publishing.changedSincePrevious', { added: lastChanges.added.length, changed: lastChanges.changed.length, removed: lastChanges.removed.length })}
            </p>
          )}
        </div>
      ) : <p className="muted" data-testid="no-approval">{t('publishing.noApproval')}</p>}
      <form className="approve-form" onSubmit={approve}>
        <label className="field"><span>{t('publishing.by')}</span>
          <input value={by} onChange={(e) => setBy(e.target.value)} required maxLength={200} data-testid="approve-by" />
        </label>
        <label className="field"><span>{t('publishing.role')}</span>
          <input value={role} onChange={(e) => setRole(e.target.value)} required maxLength={200} placeholder={t('publishing.roleHint')} data-testid="approve-role" />
        </label>
        <button type="submit" className="primary" disabled={busy || !build || !by.trim() || !role.trim()} data-testid="approve">
          {t('publishing.approve', { count: files.length })}
        </button>
      </form>

      <h2>{t('publishing.publishTitle')}</h2>
      <fieldset className="chips" disabled={publishing}>
        <legend>{t('publishing.channels')}</legend>
        {(info?.channels ?? []).map((c) => (
          <label key={c.id}>
            <input type="checkbox" checked={channels.has(c.id)} onChange={() => {
              const next = new Set(channels);
              if (next.has(c.id)) next.delete(c.id);
              else next.add(c.id);
              setChannels(next);
            }} data-testid={`channel-${c.id}`} />
            {inLocale(c.label, i18n.language)}
            <span className="muted small"> ({t(`publishing.videoVersion_${c.videoVersion}`)})</span>
          </label>
        ))}
      </fieldset>
      <div className="actions">
        <button type="button" className="primary" onClick={publish} disabled={publishing || channels.size === 0 || !buildApproved} data-testid="publish">
          {publishing ? t('publishing.publishing') : t('publishing.publish')}
        </button>
        {!buildApproved && build && <span className="muted small">{t('publishing.approveFirst')}</span>}
      </div>
      <h3>{t('publishing.queue')}</h3>
      {jobs.length === 0 ? <p className="muted">{t('publishing.noJobs')}</p> : (
        <table className="files" data-testid="publish-queue">
          <thead><tr><th>{t('publishing.channel')}</th><th>{t('publishing.language')}</th><th>{t('publishing.jobState')}</th><th>{t('publishing.attempts')}</th><th>{t('publishing.where')}</th></tr></thead>
          <tbody>
            {jobs.map((j) => (
              <tr key={j.id} data-testid="publish-job" data-status={j.status}>
                <td>{inLocale(info?.channels.find((c) => c.id === j.channel)?.label ?? { vi: j.channel, en: j.channel }, i18n.language)}</td>
                <td>{languageOnly(j.language, info?.languages, i18n.language)}</td>
                <td><span className={`badge ${j.status}`}>{t(`publishing.status.${j.status}`)}</span></td>
                <td>{j.attempts}</td>
                <td>
                  {j.url ? <a href={j.url} target="_blank" rel="noopener" data-testid="published-url">{j.url}</a> : j.packagePath ? <code>{j.packagePath}</code> : null}
                  {j.error && <span className="error-text small"> {j.error}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted small">{t('publishing.resumable')}</p>

      <h2>{t('publishing.historyTitle')}</h2>
      {events.length === 0 && approvals.length === 0 ? <p className="muted">{t('publishing.noHistory')}</p> : (
        <ol className="history" data-testid="publish-history">
          {history.map((h, i) => h.kind === 'approval' ? (
            <li key={`a-${h.entry.at}-${i}`} data-testid="history-approval">
              {formatDate(h.entry.at, i18n.language)} · {t('publishing.historyApproval', { by: h.entry.by, role: h.entry.role, files: h.entry.files })}
            </li>
          ) : (
            <li key={`${h.entry.jobId}-${h.entry.at}-${i}`} data-testid="history-event">
              {formatDate(h.entry.at, i18n.language)} · {inLocale(info?.channels.find((c) => c.id === h.entry.channel)?.label ?? { vi: h.entry.channel, en: h.entry.channel }, i18n.language)}
              {' · '}{languageOnly(h.entry.language, info?.languages, i18n.language)} · {t(`publishing.event.${h.entry.event}`, { defaultValue: h.entry.event })}
              {h.entry.url && <> · <a href={h.entry.url} target="_blank" rel="noopener">{h.entry.url}</a></>}
              {h.entry.error && <span className="error-text small"> {h.entry.error}</span>}
            </li>
          ))}
        </ol>
      )}

      <h2>{t('publishing.reportTitle')}</h2>
      <form className="report-form" onSubmit={makeReport}>
        <label className="field"><span>{t('publishing.from')}</span><input type="date" value={from} onChange={(e) => setFrom(e.target.value)} required data-testid="report-from" /></label>
        <label className="field"><span>{t('publishing.to')}</span><input type="date" value={to} onChange={(e) => setTo(e.target.value)} required data-testid="report-to" /></label>
        <fieldset className="chips">
          <legend>{t('publishing.forms')}</legend>
          {(['csv', 'xlsx', 'pdf'] as const).map((f) => (
            <label key={f}>
              <input type="checkbox" checked={forms.has(f)} onChange={() => {
                const next = new Set(forms);
                if (next.has(f)) next.delete(f);
                else next.add(f);
                setForms(next);
              }} data-testid={`report-${f}`} />
              {f.toUpperCase()}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={busy || forms.size === 0 || from > to} data-testid="make-report">{t('publishing.makeReport')}</button>
      </form>
      {report && (
        <p data-testid="report-result">
          {t('publishing.reportSummary', { materials: report.materials, produced: report.produced, published: report.published })} {report.files.join(', ')}
        </p>
      )}
    </section>
  );
}
