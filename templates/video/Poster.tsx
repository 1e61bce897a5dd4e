/**
 * The poster: the first scene's set and cast, standing at ease, under the
 * story's title. Players and the portal show it before the video starts.
 */
import { AbsoluteFill } from 'remotion';
import { appear, fitSize } from './cards/TitleCard.js';
import { FONT_FAMILY, useFonts } from './fonts.js';
import type { SegmentView } from './frameState.js';
import { safeBox, unit } from './layout.js';
import type { VideoPlan } from './plan.js';
import { SceneStage } from './SceneStage.js';

export function SituationPoster({ plan }: { plan: VideoPlan }) {
  useFonts();
  const u = unit(plan.width, plan.height);
  const safe = safeBox(plan.aspect, plan.width, plan.height);
  const index = plan.segments.findIndex((s) => s.kind === 'scene');
  const scene = plan.segments[index];
  const title = plan.segments.find((s) => s.kind === 'title');
  const view: SegmentView | null = scene && scene.kind === 'scene'
    ? { seg: index, intro: 0, card: -1, cam: [500, 500, 100], actors: scene.cast.map((_, i) => ({ b: 0, e: 0, m: 0, g: i === 0 ? 2 : 0 })), speaker: 0 }
    : null;
  return (
    <AbsoluteFill style={{ backgroundColor: '#f1e2bd', fontFamily: FONT_FAMILY }}>
      {view && scene?.kind === 'scene' ? <SceneStage plan={plan} seg={scene} view={view} /> : null}
      {title?.kind === 'title' ? (
        <div style={{
          position: 'absolute', left: safe.x, top: safe.y, width: safe.width, ...appear(9, 0),
          background: 'rgba(255, 248, 230, 0.94)', borderRadius: 20 * u, padding: `${24 * u}px ${34 * u}px`,
          borderLeft: `${14 * u}px solid #c8334a`, boxShadow: `0 ${8 * u}px ${24 * u}px rgba(0,0,0,0.2)`,
        }}>
          <div style={{ fontSize: 28 * u, fontWeight: 600, color: '#7a3b2a', textTransform: 'uppercase', letterSpacing: 2 * u }}>{title.issuer}</div>
          <div style={{ fontSize: fitSize(title.title, 84 * u, 18), lineHeight: 1.15, fontWeight: 700, color: '#24283f' }}>{title.title}</div>
          <div style={{ fontSize: 34 * u, fontWeight: 600, color: '#3b4a6b', marginTop: 8 * u }}>{title.materialTitle}</div>
        </div>
      ) : null}
    </AbsoluteFill>
  );
}
