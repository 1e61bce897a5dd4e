/**
 * A small hand-made plan: the composition's default props, so the Remotion
 * studio and the UI have something to show before a brief is loaded.
 */
import { ASPECT_SIZES, type AspectName, type VideoPlan } from './plan.js';

export function demoPlan(aspect: AspectName = '16:9'): VideoPlan {
  const fps = 25;
  const step = 3;
  const { width, height } = ASPECT_SIZES[aspect];
  const talk = (steps: number) => Array.from({ length: steps }, (_, i) => [1, 2, 3, 2, 0, 1, 3, 2][i % 8]!);
  return {
    version: 1,
    aspect,
    width,
    height,
    fps,
    step,
    durationInFrames: 300,
    language: 'vi',
    labels: { scene: 'Cảnh', hotline: 'Đường dây nóng', scanQr: 'Quét mã để xem thêm' },
    transitionFrames: 9,
    burnSubtitles: true,
    segments: [
      { kind: 'title', from: 0, to: 60, title: 'Đám cưới của Páo', materialTitle: 'Kết hôn đúng tuổi, đăng ký đúng luật', issuer: 'Sở Tư pháp' },
      {
        kind: 'scene', from: 60, to: 210, number: 1, title: 'Cán bộ tư pháp đến nhà', background: 'hearth', timeOfDay: 'morning', cardTo: 96,
        cast: [
          { characterId: 'bo', name: 'Bố Páo', puppet: { archetype: 'elder-man', dress: 'upland', gender: 'male' }, x: 0.36, facing: 'right', seed: 1 },
          { characterId: 'hoa', name: 'Chị Hoa', puppet: { archetype: 'official-woman', dress: 'uniform', gender: 'female' }, x: 0.64, facing: 'left', seed: 2 },
        ],
        lines: [
          { from: 99, to: 150, characterId: 'hoa', mouth: talk(17), expression: 'happy' },
          { from: 156, to: 204, characterId: 'bo', mouth: talk(16), expression: 'neutral' },
        ],
      },
      { kind: 'end', from: 210, to: 300, heading: 'Thông điệp chính', messages: ['Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi mới được kết hôn.'], hotline: '111', portalUrl: 'https://example.org', issuer: 'Sở Tư pháp' },
    ],
    captions: [
      { from: 99, to: 150, lines: ['Chào bác! Cháu nghe tin nhà mình', 'sắp làm đám cưới cho Páo.'], narrator: false },
      { from: 156, to: 204, lines: ['Đúng rồi, chị vào uống nước đã.'], narrator: false },
    ],
  };
}
