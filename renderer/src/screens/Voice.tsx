/**
 * Record the voice of a dialogue line or an audiobook chapter with the
 * microphone, hear it, keep it or record again. The take is converted to WAV
 * here (ffmpeg.wasm) and stored by the engine beside the project.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VoiceTarget } from '../../../engine/api/contract.js';
import { call, fileHref } from '../api/client.js';
import { ErrorNote, languageName, useLoad } from '../components/common.js';
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
}

function VoiceRow({ target, busy, isRecording, isConverting, take, canRecord, onRecord, onStop, onKeep, onDiscard }: RowProps) {
  const { t } = useTranslation();
  const clip = target.clip;
  return (
    <li className={`voice-row ${isRecording ? 'recording' : ''}`} data-testid="voice-row" data-target={target.target}>
      <div className="voice-text">
        <strong>{target.kind === 'chapter' ? t('voice.chapter', { label: target.label }) : target.label}</strong>
        <p className={target.kind === 'chapter' ? 'clamp' : ''}>{target.text}</p>
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
