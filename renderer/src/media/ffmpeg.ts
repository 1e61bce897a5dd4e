/**
 * ffmpeg.wasm in the UI, for turning a microphone recording (WebM/Opus from
 * MediaRecorder) into the WAV the engine stores. The single-threaded core
 * needs no cross-origin isolation; its 32 MB wasm is served by us (never a
 * CDN) and loaded only when the Voice screen first needs it.
 */
import { FFmpeg } from '@ffmpeg/ffmpeg';
import { fetchFile } from '@ffmpeg/util';
import coreURL from '@ffmpeg/core?url';
import wasmURL from '@ffmpeg/core/wasm?url';

let loading: Promise<FFmpeg> | null = null;

export function loadFfmpeg(): Promise<FFmpeg> {
  loading ??= (async () => {
    const ffmpeg = new FFmpeg();
    await ffmpeg.load({ coreURL: new URL(coreURL, window.location.href).href, wasmURL: new URL(wasmURL, window.location.href).href });
    return ffmpeg;
  })().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

let counter = 0;

/** Any recording → mono 48 kHz 16-bit WAV. */
export async function toWav(recording: Blob): Promise<Uint8Array> {
  const ffmpeg = await loadFfmpeg();
  const n = ++counter;
  const input = `take-${n}.${extensionOf(recording.type)}`;
  const output = `take-${n}.wav`;
  await ffmpeg.writeFile(input, await fetchFile(recording));
  try {
    const code = await ffmpeg.exec(['-hide_banner', '-i', input, '-ac', '1', '-ar', '48000', '-c:a', 'pcm_s16le', output]);
    if (code !== 0) throw new Error(`ffmpeg exited with ${code}`);
    const data = await ffmpeg.readFile(output);
    if (typeof data === 'string') throw new Error('unexpected text output');
    return data;
  } finally {
    await ffmpeg.deleteFile(input).catch(() => undefined);
    await ffmpeg.deleteFile(output).catch(() => undefined);
  }
}

function extensionOf(type: string): string {
  if (type.includes('ogg')) return 'ogg';
  if (type.includes('mp4')) return 'm4a';
  if (type.includes('wav')) return 'wav';
  return 'webm';
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}
