/**
 * A tiny voice model with the interface of a Piper (VITS) voice as
 * sherpa-onnx loads it, built by the tests because no real voice can be
 * downloaded here. It has the same inputs (x, x_length, scales, sid), output
 * and metadata as a real voice; its "speech" is a sine tone whose loudness
 * follows each token id, SAMPLES_PER_TOKEN samples per token, so the audio
 * length is exactly proportional to the number of tokens sherpa-onnx feeds it.
 *
 * Graph (opset 13):
 *   xf   = Cast<float>(x)                       [1, N]
 *   col  = Unsqueeze(xf, [2])                   [1, N, 1]
 *   amp  = Div(col, MAX_ID)                     [1, N, 1]  0..1
 *   wave = Mul(amp, carrier)                    [1, N, S]  carrier: 0.5·sin, S samples
 *   y    = Reshape(wave, [1, 1, -1])            [1, 1, N·S]
 * x_length, scales and sid are declared inputs (sherpa-onnx passes them by
 * position) that the graph leaves unused.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import onnxProto from 'onnx-proto';
import type { onnx as Onnx } from 'onnx-proto';

// onnx-proto is CommonJS: its namespace is a property of the default export.
const { onnx } = onnxProto;

export const SAMPLES_PER_TOKEN = 441;
export const TINY_SAMPLE_RATE = 16000;

/** Every character the tiny voice knows: Vietnamese letters, digits, space and punctuation. */
const ALPHABET = [
  ...' abcdefghijklmnopqrstuvwxyz0123456789',
  ...'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ',
  ...'ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ',
  ...',.?!:;-',
];
const MAX_ID = ALPHABET.length;

/** tokens.txt: one "symbol id" a line; id 0 is the padding/BOS sherpa-onnx puts first. */
export function tinyTokens(): string {
  const lines = ['_ 0', ...ALPHABET.map((c, i) => `${c} ${i + 1}`)];
  return `${lines.join('\n')}\n`;
}

function valueInfo(name: string, elemType: Onnx.TensorProto.DataType, dims: Array<number | string>): Onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function node(opType: string, input: string[], output: string[], attribute: Onnx.IAttributeProto[] = []): Onnx.INodeProto {
  return { opType, input, output, name: output[0], attribute };
}

export interface TinyModelOptions {
  sampleRate?: number;
  /** Metadata `comment`: "piper" selects the Piper input signature (x, x_length, scales, sid). */
  comment?: string;
  language?: string;
}

/** The bytes of the tiny model.onnx. */
export function tinyModelBytes(options: TinyModelOptions = {}): Uint8Array {
  const { FLOAT, INT64 } = onnx.TensorProto.DataType;
  const carrier = Float32Array.from({ length: SAMPLES_PER_TOKEN }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 220 * i) / TINY_SAMPLE_RATE));
  const graph: Onnx.IGraphProto = {
    name: 'tiny-voice',
    input: [
      valueInfo('x', INT64, [1, 'N']),
      valueInfo('x_length', INT64, [1]),
      valueInfo('scales', FLOAT, [3]),
      valueInfo('sid', INT64, [1]),
    ],
    output: [valueInfo('y', FLOAT, [1, 1, 'T'])],
    initializer: [
      { name: 'axes', dataType: INT64, dims: [1], int64Data: [2] },
      { name: 'max_id', dataType: FLOAT, dims: [], floatData: [MAX_ID] },
      { name: 'carrier', dataType: FLOAT, dims: [SAMPLES_PER_TOKEN], floatData: Array.from(carrier) },
      { name: 'out_shape', dataType: INT64, dims: [3], int64Data: [1, 1, -1] },
    ],
    node: [
      node('Cast', ['x'], ['xf'], [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: FLOAT }]),
      node('Unsqueeze', ['xf', 'axes'], ['col']),
      node('Div', ['col', 'max_id'], ['amp']),
      node('Mul', ['amp', 'carrier'], ['wave']),
      node('Reshape', ['wave', 'out_shape'], ['y']),
    ],
  };
  const metadata: Record<string, string> = {
    model_type: 'vits',
    comment: options.comment ?? 'piper',
    language: options.language ?? 'Vietnamese',
    voice: 'vi',
    sample_rate: String(options.sampleRate ?? TINY_SAMPLE_RATE),
    add_blank: '0',
    n_speakers: '1',
    // Characters from tokens.txt, so the tiny voice needs no espeak-ng-data.
    frontend: 'characters',
  };
  const model: Onnx.IModelProto = {
    irVersion: 7,
    producerName: 'luat-studio tests',
    opsetImport: [{ domain: '', version: 13 }],
    graph,
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

/** Writes a voice folder (model.onnx, tokens.txt, MODEL_CARD) as a user would download it; returns its path. */
export async function writeTinyVoice(dir: string, options: TinyModelOptions = {}): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'vi_VN-tiny-test.onnx'), tinyModelBytes(options));
  await writeFile(path.join(dir, 'tokens.txt'), tinyTokens());
  await writeFile(path.join(dir, 'MODEL_CARD'), 'Tiny test voice\nLicense: MIT\n');
  return dir;
}
