/**
 * The comic strip, drawn with the video's own sets and puppets: pages of
 * panels for print (A4, A5) and 1080×1350 slides for a carousel post. Balloons
 * and caption boxes fit their panel's top band (data-fit, templates/print/fitScript.ts);
 * their tails are drawn after layout (./tailsScript.ts).
 */
import { Background } from '../video/backgrounds/Background.js';
import { PuppetGroup } from '../video/puppets/Puppet.js';
import { expressionIndex } from '../video/puppets/expression.js';
import { comicCss, type ComicTheme } from './comicCss.js';
import { comicPages, comicSlides, PAPER_GEOMETRY, panelStage, SLIDE, type ComicPaper, type ComicRow, type ComicSlide } from './layout.js';
import type { ComicLine, ComicPanel, ComicStory } from './story.js';

const IDLE = { b: 0, e: 0, m: 0, g: 0, x: 0 };

function align(x: number): 'start' | 'center' | 'end' {
  return x < 0.42 ? 'start' : x > 0.58 ? 'end' : 'center';
}

/** One balloon for a speaker's lines in a row (one tail, not one crossing the next balloon); captions one by one. */
function balloonGroups(lines: ComicLine[]): ComicLine[][] {
  const groups: ComicLine[][] = [];
  for (const line of lines) {
    const last = groups[groups.length - 1];
    if (last && line.characterId !== null && last[0]!.characterId === line.characterId) last.push(line);
    else groups.push([line]);
  }
  return groups;
}

export function PanelView({ panel, width, height, font }: { panel: ComicPanel; width: number; height: number; font: number }) {
  const stage = panelStage(panel.cast, width, height);
  const xOf = new Map(panel.cast.map((c) => [c.characterId, c.x]));
  // The line being spoken opens the mouth and raises the hand of its speaker, as the video does mid-line.
  const speaking = new Set(panel.lines.map((l) => l.characterId).filter((id): id is string => id !== null));
  // Each speaker wears the face of their last line in the panel (as the video keeps it until they speak again).
  const faces = new Map(panel.lines.filter((l) => l.characterId !== null).map((l) => [l.characterId!, expressionIndex(l.expression)]));
  return (
    <div className="comic-panel" style={{ width, height }} data-heads={JSON.stringify(stage.heads)} data-panel={panel.number}>
      <Background id={panel.background} time={panel.timeOfDay} />
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
        {panel.cast.map((member) => (
          <g key={member.characterId} transform={`translate(${member.x * width} ${stage.groundY}) scale(${stage.scale})`}>
            <PuppetGroup spec={member.puppet} state={speaking.has(member.characterId) ? { b: 0, e: 0, m: 2, g: 2, x: faces.get(member.characterId) ?? 0 } : IDLE} facing={member.facing} />
          </g>
        ))}
      </svg>
      <div className="comic-zone" data-fit={`panel-${panel.number}`} data-fit-min="0.6"
        style={{ height: stage.zoneHeight, fontSize: `calc(var(--fit, 1) * ${font}px)` }}>
        {panel.kicker ? <div className="comic-kicker">{panel.kicker}</div> : null}
        {balloonGroups(panel.lines).map((group) => group[0]!.characterId === null ? (
          group.map((line) => <div key={line.unitId} className="comic-caption" data-unit={line.unitId}>{line.text}</div>)
        ) : (
          <div key={group[0]!.unitId} className="comic-balloon" data-speaker={group[0]!.characterId}
            data-align={align(xOf.get(group[0]!.characterId) ?? 0.5)}>
            <span className="comic-name">{group[0]!.name}</span>
            {group.map((line) => <span key={line.unitId} className="comic-text" data-unit={line.unitId}>{line.text}</span>)}
          </div>
        ))}
      </div>
      <svg className="comic-tails" width={width} height={height} viewBox={`0 0 ${width} ${height}`} />
    </div>
  );
}

/** The cast standing in a row on the first scene's set, each with a name tag. */
function CastLineup({ story, width, height, font, stacked }: { story: ComicStory; width: number; height: number; font: number; stacked: boolean }) {
  const first = story.panels[0];
  const n = Math.max(1, story.characters.length);
  const adult = Math.min(0.72 * height, (width / n) / 0.6);
  const scale = adult / 420;
  const groundY = 0.9 * height;
  return (
    <div className="comic-cast" style={stacked
      ? { width, height, top: 'auto', bottom: 0, borderLeft: 'none', borderTop: '3px solid #1b1b1b', fontSize: font }
      : { width, fontSize: font }}>
      {first ? <Background id={first.background} time={first.timeOfDay} /> : null}
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} style={{ position: 'absolute', left: 0, top: 0 }}>
        {story.characters.map((c, i) => (
          <g key={c.characterId} transform={`translate(${((i + 0.5) / n) * width} ${groundY}) scale(${scale})`}>
            <PuppetGroup spec={c.puppet} state={IDLE} facing={i < n / 2 ? 'right' : 'left'} />
          </g>
        ))}
      </svg>
      {story.characters.map((c, i) => (
        <span key={c.characterId} className="comic-cast-name" style={{ left: ((i + 0.5) / n) * width, top: groundY + 0.02 * height }}>{c.name}</span>
      ))}
    </div>
  );
}

/** Title beside the cast (a page row) or above it (the cover slide). */
function TitleBox({ story, width, height, font, stacked }: { story: ComicStory; width: number; height: number; font: number; stacked: boolean }) {
  const castWidth = stacked ? width - 6 : Math.round(width * 0.46);
  const castHeight = stacked ? Math.round(height * 0.6) : height - 6;
  const place = stacked ? { right: 0, bottom: castHeight } : { right: castWidth };
  return (
    <div className="comic-box" style={{ width, height }}>
      <div className="comic-title-text" data-fit="comic-title" data-fit-min="0.5" style={{ ...place, fontSize: `calc(var(--fit, 1) * ${font}px)` }}>
        <span className="comic-kind">{story.labels.comic}</span>
        <div className="comic-title">{story.title}</div>
        <div className="comic-subtitle">{story.materialTitle}</div>
        <div className="comic-issuer">{story.issuer}</div>
      </div>
      <CastLineup story={story} width={castWidth} height={castHeight} font={font} stacked={stacked} />
    </div>
  );
}

/** The key messages, the citation and the hotline; on the closing slide the cast stands below them. */
function LessonBox({ story, width, height, font, withCast = false }: { story: ComicStory; width: number; height: number; font: number; withCast?: boolean }) {
  const castHeight = withCast ? Math.round(height * 0.36) : 0;
  return (
    <div className="comic-box" style={{ width, height }}>
      {withCast ? <CastLineup story={story} width={width - 6} height={castHeight} font={font * 0.8} stacked /> : null}
      <div className="comic-lesson" data-fit="comic-lesson" data-fit-min="0.55" style={{ bottom: castHeight, fontSize: `calc(var(--fit, 1) * ${font}px)` }}>
        <h2>{story.labels.lesson}</h2>
        {story.lesson.length > 0 ? (
          <ol>{story.lesson.map((m) => <li key={m.unitId} data-unit={m.unitId}>{m.text}</li>)}</ol>
        ) : null}
        {story.citation ? <div className="comic-basis"><b>{story.labels.legalBasis}:</b> {story.citation}</div> : null}
        {story.hotline ? <div className="comic-hotline"><b>{story.labels.hotline}:</b> {story.hotline}</div> : null}
      </div>
    </div>
  );
}

function Row({ row, story, width, height, gutter, font }: { row: ComicRow; story: ComicStory; width: number; height: number; gutter: number; font: number }) {
  if (row.kind === 'title') return <TitleBox story={story} width={width} height={height} font={font * 1.05} stacked={false} />;
  if (row.kind === 'lesson') return <LessonBox story={story} width={width} height={height} font={font * 1.15} />;
  const each = (width - gutter * (row.panels.length - 1)) / row.panels.length;
  return (
    <div className="comic-row" style={{ gap: gutter, width }}>
      {row.panels.map((p) => <PanelView key={p.number} panel={p} width={each} height={height} font={font} />)}
    </div>
  );
}

export interface ComicPagesProps {
  story: ComicStory;
  paper: ComicPaper;
  theme: ComicTheme;
}

/** Print pages: rows of panels between white margins, the title first and the lesson last. */
export function ComicPagesDocument({ story, paper, theme }: ComicPagesProps) {
  const g = PAPER_GEOMETRY[paper];
  return (
    <>
      <style>{comicCss(theme, g)}</style>
      <ComicPages story={story} paper={paper} />
    </>
  );
}

/** The pages alone (the booklet's optional comic pages use them inside its own document). */
export function ComicPages({ story, paper }: { story: ComicStory; paper: ComicPaper }) {
  const g = PAPER_GEOMETRY[paper];
  const rowWidth = g.width - 2 * g.margin;
  const rowHeight = (g.height - 2 * g.margin - (g.rows - 1) * g.gutter) / g.rows;
  return (
    <>
      {comicPages(story, paper).map((rows, i) => (
        <section key={i} className="comic-sheet" style={{ width: g.width, height: g.height, padding: g.margin, gap: g.gutter }}>
          {rows.map((row, k) => <Row key={k} row={row} story={story} width={rowWidth} height={rowHeight} gutter={g.gutter} font={g.font} />)}
        </section>
      ))}
    </>
  );
}

export interface ComicSlidesProps {
  story: ComicStory;
  theme: ComicTheme;
}

const BAR = 78;

function Slide({ slide, story, index, total }: { slide: ComicSlide; story: ComicStory; index: number; total: number }) {
  const m = SLIDE.margin;
  const inner = { width: SLIDE.width - 2 * m, height: SLIDE.height - BAR - 2 * m };
  return (
    <section className="comic-sheet comic-slide" data-slide={index} style={{ width: SLIDE.width, height: SLIDE.height }}>
      <div className="comic-slide-bar" style={{ height: BAR, fontSize: 30 }}>
        <span>{story.title}</span>
        <span>{index + 1}/{total}</span>
      </div>
      <div style={{ padding: m }}>
        {slide.kind === 'cover' ? <TitleBox story={story} width={inner.width} height={inner.height} font={SLIDE.font * 1.2} stacked /> : null}
        {slide.kind === 'panels' ? (
          <div style={{ display: 'flex', flexDirection: 'column', gap: m / 2 }}>
            {slide.panels.map((p) => (
              <PanelView key={p.number} panel={p} width={inner.width} height={(inner.height - (m / 2) * (slide.panels.length - 1)) / slide.panels.length} font={SLIDE.font} />
            ))}
          </div>
        ) : null}
        {slide.kind === 'lesson' ? <LessonBox story={story} width={inner.width} height={inner.height} font={SLIDE.font * 1.25} withCast /> : null}
      </div>
    </section>
  );
}

/** The carousel: slides one under another, each captured on its own. */
export function ComicSlidesDocument({ story, theme }: ComicSlidesProps) {
  const slides = comicSlides(story);
  return (
    <>
      <style>{comicCss(theme, null)}</style>
      {slides.map((slide, i) => <Slide key={i} slide={slide} story={story} index={i} total={slides.length} />)}
    </>
  );
}
