/** Ids of the compositions in Root.tsx; pure constants, so the engine can import them. */
export const COMPOSITION_ID = 'Situation';
export const POSTER_ID = 'SituationPoster';
