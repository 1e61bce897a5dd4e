/**
 * The poster: the story's title on a solid band, the first scene's set and
 * cast below it, standing at ease. Players and the portal show it before the
 * video starts. The band and the scene never overlap (layout.ts
 * posterLayout), so the text sits on an opaque ground in every aspect and the
 * picture is whole; the text keeps to the safe area.
 */
import { AbsoluteFill } from 'remotion';
import { fitSize } from './cards/TitleCard.js';
import { FONT_FAMILY, useFonts } from './fonts.js';
import type { SegmentView } from './frameState.js';
import { posterLayout, unit } from './layout.js';
import type { VideoPlan } from './plan.js';
import { SceneStage } from './SceneStage.js';

export function SituationPoster({ plan }: { plan: VideoPlan }) {
  useFonts();
  const u = unit(plan.width, plan.height);
  const layout = posterLayout(plan.aspect, plan.width, plan.height);
  const index = plan.segments.findIndex((s) => s.kind === 'scene');
  const scene = plan.segments[index];
  const title = plan.segments.find((s) => s.kind === 'title');
  const view: SegmentView | null = scene && scene.kind === 'scene'
    ? { seg: index, intro: 0, card: -1, cam: [500, 500, 100], actors: scene.cast.map((_, i) => ({ b: 0, e: 0, m: 0, g: i === 0 ? 2 : 0, x: 0 })), speaker: 0 }
    : null;
  // The scene is drawn as if the stage were the whole frame: its own size and the layout rules of its shape.
  const stagePlan: VideoPlan = { ...plan, width: layout.stage.width, height: layout.stage.height, aspect: layout.stageAspect };
  const wide = plan.aspect === '16:9';
  return (
    <AbsoluteFill style={{ backgroundColor: '#f1e2bd', fontFamily: FONT_FAMILY }}>
      <div data-poster="stage" style={{ position: 'absolute', left: 0, top: layout.stage.y, width: layout.stage.width, height: layout.stage.height, overflow: 'hidden' }}>
        {view && scene?.kind === 'scene' ? <SceneStage plan={stagePlan} seg={scene} view={view} /> : null}
      </div>
      <div data-poster="band" style={{
        position: 'absolute', left: 0, top: 0, width: layout.band.width, height: layout.band.height,
        background: '#fff8e6', borderBottom: `${8 * u}px solid #c8334a`, boxSizing: 'border-box',
      }} />
      {title?.kind === 'title' ? (
        <div data-poster="text" style={{
          position: 'absolute', left: layout.text.x, top: layout.text.y, width: layout.text.width, height: layout.text.height,
          boxSizing: 'border-box', borderLeft: `${14 * u}px solid #c8334a`, paddingLeft: 30 * u,
          display: 'flex', flexDirection: 'column', justifyContent: 'center', gap: 16 * u,
        }}>
          <div data-poster="issuer" style={{ fontSize: 28 * u, lineHeight: 1.3, fontWeight: 600, color: '#7a3b2a', textTransform: 'uppercase', letterSpacing: 2 * u }}>{title.issuer}</div>
          <div data-poster="title" style={{ fontSize: fitSize(title.title, (wide ? 84 : 80) * u, 18), lineHeight: 1.22, fontWeight: 700, color: '#24283f' }}>{title.title}</div>
          <div data-poster="material" style={{ fontSize: fitSize(title.materialTitle, 34 * u, 48), lineHeight: 1.3, fontWeight: 600, color: '#3b4a6b' }}>{title.materialTitle}</div>
        </div>
      ) : null}
    </AbsoluteFill>
  );
}
