/** Ids of the compositions in Root.tsx; pure constants, so the engine can import them. */
export const COMPOSITION_ID = 'Situation';
export const POSTER_ID = 'SituationPoster';
/** The captions alone, on a transparent band, laid over the captured pictures. */
export const CAPTION_BAND_ID = 'SituationCaptions';
