/**
 * The situation video played live with @remotion/player, from the same
 * composition (templates/video) the export renders, driven by the plan the
 * engine computes for this material, language and aspect.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Player } from '@remotion/player';
import { SituationVideo, type VideoPlan } from '../../../templates/video/index.js';
import { call } from '../api/client.js';
import { ErrorNote } from '../components/common.js';

const ASPECTS = ['16:9', '9:16', '1:1'] as const;

export function VideoPreview({ projectId, language }: { projectId: string; language: string }) {
  const { t } = useTranslation();
  const [aspect, setAspect] = useState<(typeof ASPECTS)[number]>('16:9');
  const [result, setResult] = useState<{ plan: VideoPlan; fromMaterial: boolean; situations: number } | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    setError(null);
    call('preview.video', { projectId, language, aspect }).then(
      (r) => live && setResult({ plan: r.plan as VideoPlan, fromMaterial: r.fromMaterial, situations: r.situations }),
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [projectId, language, aspect]);

  const plan = result?.plan;
  // The player fits the frame in the space a 1366×768 screen leaves.
  const maxHeight = 420;
  const width = plan ? Math.min(720, (maxHeight * plan.width) / plan.height) : 0;
  return (
    <div>
      <fieldset className="segmented">
        <legend>{t('render.aspects')}</legend>
        {ASPECTS.map((a) => (
          <label key={a}>
            <input type="radio" name="aspect" checked={aspect === a} onChange={() => setAspect(a)} />
            {t(`render.aspect.${a.replace(':', 'x')}`)}
          </label>
        ))}
      </fieldset>
      <ErrorNote error={error} />
      {result && !result.fromMaterial && (
        <p className="notice" data-testid="video-demo-note">{result.situations === 0 ? t('previews.noSituation') : t('previews.videoDemo')}</p>
      )}
      {plan && (
        <div className="player" style={{ width }} data-testid="video-player">
          <Player
            component={SituationVideo}
            inputProps={{ plan }}
            durationInFrames={plan.durationInFrames}
            fps={plan.fps}
            compositionWidth={plan.width}
            compositionHeight={plan.height}
            style={{ width: '100%' }}
            controls
            clickToPlay
            acknowledgeRemotionLicense
          />
        </div>
      )}
    </div>
  );
}
