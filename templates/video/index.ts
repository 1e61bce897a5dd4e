/** What the UI imports to preview a situation video with @remotion/player. */
export { SituationVideo, FrameView, type SituationVideoProps } from './SituationVideo.js';
export { COMPOSITION_ID, POSTER_ID } from './Root.js';
export { SituationPoster } from './Poster.js';
export { demoPlan } from './demoPlan.js';
export { Puppet } from './puppets/Puppet.js';
export type * from './plan.js';
