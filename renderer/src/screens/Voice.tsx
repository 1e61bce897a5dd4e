/**
 * Record the voice of a dialogue line or an audiobook chapter with the
 * microphone, hear it, keep it or record again. The take is converted to WAV
 * here (ffmpeg.wasm) and stored by the engine beside the project.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VoiceTarget } from '../../../engine/api/contract.js';
import { call, fileHref } from '../api/client.js';
import { ErrorNote, errorText, languageName, useLoad } from '../components/common.js';
import { fileToBase64 } from '../components/files.js';
import { languageOnly } from '../components/labels.js';
import { loadFfmpeg, toBase64, toWav } from '../media/ffmpeg.js';
import { useAppState } from '../state.js';

type Take = { target: string; wav: Uint8Array; url: string };

export function Voice({ projectId }: { projectId: string }) {
  const { t, i18n } = useTranslation();
  const { info, announce } = useAppState();
  const material = useLoad(() => call('preview.material', { projectId }), [projectId]);
  const m = material.data?.material as { sourceLanguage?: string; targetLanguages?: string[] } | undefined;
  const languages = m ? [m.sourceLanguage!, ...(m.targetLanguages ?? [])] : [];
  const [language, setLanguage] = useState<string | null>(null);
  const current = language ?? languages[0] ?? null;
  const list = useLoad(async () => (current ? call('voice.list', { projectId, language: current }) : null), [projectId, current]);
  // In a translation, a line still holding the source words is not translated yet: it is marked as such.
  const source = m?.sourceLanguage ?? null;
  const sourceList = useLoad(async () => (current && source && current !== source ? call('voice.list', { projectId, language: source }) : null), [projectId, current, source]);
  const sourceText = new Map((sourceList.data?.targets ?? []).map((x) => [x.target, x.text]));
  const untranslated = new Set((list.data?.targets ?? []).filter((x) => sourceText.get(x.target) === x.text).map((x) => x.target));
  const [ffmpegState, setFfmpegState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [recording, setRecording] = useState<string | null>(null);
  const [converting, setConverting] = useState<string | null>(null);
  const [take, setTake] = useState<Take | null>(null);
  const [error, setError] = useState<unknown>(null);
  const recorder = useRef<MediaRecorder | null>(null);

  useEffect(() => {
    loadFfmpeg().then(() => setFfmpegState('ready'), () => setFfmpegState('failed'));
  }, []);

  useEffect(() => () => {
    recorder.current?.stream.getTracks().forEach((track) => track.stop());
  }, []);

  async function record(target: string) {
    setError(null);
    discard();
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } });
    } catch {
      setError(new Error('mic'));
      return;
    }
    const chunks: Blob[] = [];
    const r = new MediaRecorder(stream);
    r.ondataavailable = (e) => e.data.size > 0 && chunks.push(e.data);
    r.onstop = async () => {
      stream.getTracks().forEach((track) => track.stop());
      setRecording(null);
      setConverting(target);
      try {
        const wav = await toWav(new Blob(chunks, { type: r.mimeType }));
        setTake({ target, wav, url: URL.createObjectURL(new Blob([wav.slice().buffer], { type: 'audio/wav' })) });
        announce(t('voice.takeReady'));
      } catch (e) {
        setError(e);
      } finally {
        setConverting(null);
      }
    };
    recorder.current = r;
    r.start();
    setRecording(target);
    announce(t('voice.recordingStarted'));
  }

  function stop() {
    recorder.current?.stop();
    recorder.current = null;
  }

  function discard() {
    if (take) URL.revokeObjectURL(take.url);
    setTake(null);
  }

  async function keep() {
    if (!take || !current || !list.data) return;
    setError(null);
    try {
      const updated = await call('voice.put', { projectId, language: current, target: take.target, audioBase64: toBase64(take.wav), extension: 'wav' });
      list.setData({ targets: list.data.targets.map((x) => (x.target === updated.target ? updated : x)) });
      discard();
      announce(t('voice.saved'));
    } catch (e) {
      setError(e);
    }
  }

  async function upload(target: VoiceTarget, file: File) {
    if (!current || !list.data) return;
    setError(null);
    const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
    if (!AUDIO_TYPES.includes(extension as (typeof AUDIO_TYPES)[number])) {
      announce(t('voiceLine.badType', { file: file.name }), 'error');
      return;
    }
    try {
      const updated = await call('voice.put', {
        projectId, language: current, target: target.target, audioBase64: await fileToBase64(file), extension: extension as (typeof AUDIO_TYPES)[number],
      });
      list.setData({ targets: list.data.targets.map((x) => (x.target === updated.target ? updated : x)) });
      announce(t('voiceLine.uploaded', { label: target.label }));
    } catch (e) {
      setError(e);
      announce(errorText(e, t), 'error');
    }
  }

  const micMissing = typeof MediaRecorder === 'undefined' || !navigator.mediaDevices;
  return (
    <section className="screen" aria-labelledby="voice-title">
      <header className="screen-head">
        <h1 id="voice-title">{t('voice.title')}</h1>
        {languages.length > 0 && (
          <label className="field inline">
            <span>{t('voice.language')}</span>
            <select value={current ?? ''} onChange={(e) => setLanguage(e.target.value)}>
              {languages.map((l) => <option key={l} value={l}>{languageName(l, info?.languages, i18n.language)}</option>)}
            </select>
          </label>
        )}
      </header>
      <p className="muted" data-testid="ffmpeg-state">
        {ffmpegState === 'loading' ? t('voice.ffmpegLoading') : ffmpegState === 'ready' ? t('voice.ffmpegReady') : t('voice.ffmpegFailed')}
      </p>
      {micMissing && <p className="notice">{t('voice.noMic')}</p>}
      {error instanceof Error && error.message === 'mic' ? <p className="error-note" role="alert">{t('voice.micDenied')}</p> : <ErrorNote error={error ?? list.error} />}
      {list.data && list.data.targets.length === 0 && <p>{t('voice.nothing')}</p>}
      {untranslated.size > 0 && current && (
        <p className="notice" data-testid="untranslated-notice">{t('voiceLine.untranslatedCount', { count: untranslated.size, language: languageOnly(current, info?.languages, i18n.language) })}</p>
      )}
      <ul className="voice-list" data-testid="voice-list">
        {(list.data?.targets ?? []).map((target) => (
          <VoiceRow
            key={target.target}
            target={target}
            busy={recording !== null || converting !== null}
            isRecording={recording === target.target}
            isConverting={converting === target.target}
            take={take?.target === target.target ? take : null}
            canRecord={!micMissing && ffmpegState === 'ready'}
            onRecord={() => void record(target.target)}
            onStop={stop}
            onKeep={() => void keep()}
            onDiscard={discard}
            untranslated={untranslated.has(target.target)}
            onUpload={(file) => void upload(target, file)}
            projectId={projectId}
            language={current ?? ''}
          />
        ))}
      </ul>
    </section>
  );
}

interface RowProps {
  target: VoiceTarget;
  busy: boolean;
  isRecording: boolean;
  isConverting: boolean;
  take: Take | null;
  canRecord: boolean;
  onRecord(): void;
  onStop(): void;
  onKeep(): void;
  onDiscard(): void;
  untranslated: boolean;
  onUpload(file: File): void;
  projectId: string;
  language: string;
}

const AUDIO_TYPES = ['wav', 'mp3', 'ogg', 'opus', 'webm', 'm4a', 'flac'] as const;

function VoiceRow({ target, busy, isRecording, isConverting, take, canRecord, onRecord, onStop, onKeep, onDiscard, untranslated, onUpload, projectId, language }: RowProps) {
  const { t } = useTranslation();
  const clip = target.clip;
  const picker = useRef<HTMLInputElement>(null);
  const [machine, setMachine] = useState<{ url: string | null; busy: boolean; error: unknown }>({ url: null, busy: false, error: null });

  async function hearMachine() {
    setMachine({ url: null, busy: true, error: null });
    try {
      const { url } = await call('voice.machine', { projectId, language, target: target.target });
      setMachine({ url, busy: false, error: null });
    } catch (e) {
      setMachine({ url: null, busy: false, error: e });
    }
  }
  return (
    <li className={`voice-row ${isRecording ? 'recording' : ''}`} data-testid="voice-row" data-target={target.target}>
      <div className="voice-text">
        <strong>{target.kind === 'chapter' ? t('voice.chapter', { label: target.label }) : target.label}</strong>
        {untranslated && <span className="badge stale" data-testid="untranslated">{t('voiceLine.untranslated')}</span>}
        <p className={target.kind === 'chapter' ? 'clamp' : ''} lang={untranslated ? 'vi' : undefined}>{target.text}</p>
      </div>
      <div className="voice-controls">
        {clip ? (
          <>
            <span className={`badge ${clip.current ? 'current' : 'stale'}`} data-testid="clip-state">{clip.current ? t('voice.recorded') : t('voice.outdated')}</span>
            <audio controls src={fileHref(clip.url)} preload="none" aria-label={t('voice.playClip', { label: target.label })} />
          </>
        ) : (
          <span className="badge missing">{t('voice.notRecorded')}</span>
        )}
        {isRecording ? (
          <button type="button" className="danger" onClick={onStop} data-testid="stop-recording">{t('voice.stop')}</button>
        ) : (
          <button type="button" onClick={onRecord} disabled={!canRecord || busy} data-testid="record">
            {clip ? t('voice.reRecord') : t('voice.record')}
          </button>
        )}
        <button type="button" onClick={() => picker.current?.click()} disabled={busy} data-testid="upload-take">{t('voiceLine.upload')}</button>
        <input
          ref={picker} type="file" hidden accept="audio/*,.wav,.mp3,.ogg,.opus,.webm,.m4a,.flac" aria-label={t('voiceLine.uploadLabel', { label: target.label })}
          onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) onUpload(f); }} data-testid="upload-input"
        />
        <button type="button" onClick={() => void hearMachine()} disabled={machine.busy} data-testid="hear-machine">
          {machine.busy ? t('voiceLine.machineBusy') : t('voiceLine.machine')}
        </button>
        {machine.url && <audio controls autoPlay src={fileHref(machine.url)} aria-label={t('voiceLine.machineLabel', { label: target.label })} data-testid="machine-audio" />}
        {machine.error ? <ErrorNote error={machine.error} /> : null}
        {isConverting && <span className="muted">{t('voice.converting')}</span>}
        {take && (
          <div className="take">
            <audio controls src={take.url} aria-label={t('voice.playTake')} data-testid="take-audio" />
            <button type="button" className="primary" onClick={onKeep} data-testid="keep-take">{t('voice.keep')}</button>
            <button type="button" onClick={onDiscard}>{t('voice.discard')}</button>
          </div>
        )}
      </div>
    </li>
  );
}
